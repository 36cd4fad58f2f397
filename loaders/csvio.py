"""Reading bundle files: encoding detection and vectorised parsing of the format's values.

Every parser takes a column of raw strings ("" = not known) and returns the parsed values and
a mask of the rows it could not parse, so the caller can reject exactly those rows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

TRUE_WORDS = {"true", "yes", "1", "是", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "否", "n", "f"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")


@dataclass
class RawFile:
    name: str
    frame: pd.DataFrame  # every column a string; `_line` is the source line number
    encoding: str
    unknown_columns: list[str]


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Strict UTF-8 first (byte-order mark allowed), else GB18030 (a superset of GBK and GB2312).

    Any byte string decodes as *something* in GB18030, so UTF-8 is tried strictly first: a
    GBK file is almost never valid UTF-8, while the reverse test would accept everything.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def read_csv(path: Path) -> RawFile:
    text, encoding = detect_and_decode(path.read_bytes())
    frame = pd.read_csv(
        io.StringIO(text),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skipinitialspace=True,
    )
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    for col in frame.columns:
        frame[col] = frame[col].str.strip()
    # The header is line 1; quoted fields with line breaks would shift this (documented).
    frame["_line"] = np.arange(2, len(frame) + 2)
    return RawFile(path.name, frame, encoding, [])


def parse_dates(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    present = col != ""
    out = pd.Series(pd.NaT, index=col.index, dtype="datetime64[s]")
    todo = present.copy()
    for fmt in DATE_FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(col[todo], format=fmt, errors="coerce")
        hit = parsed.notna()
        out.loc[hit[hit].index] = parsed[hit]
        todo.loc[hit[hit].index] = False
    return out, todo


def parse_numbers(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    present = col != ""
    values = pd.to_numeric(col.str.replace(",", "", regex=False).where(present), errors="coerce")
    return values.astype("float64"), present & values.isna()


def parse_shares(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Fractions (`0.3303`) or percentages (`33.03%`); returns values, bad mask, reasons."""
    present = col != ""
    is_pct = col.str.endswith("%")
    body = col.str.rstrip("%").str.strip()
    num = pd.to_numeric(body.where(present), errors="coerce")
    value = num.where(~is_pct, num / 100.0)
    reason = pd.Series(None, index=col.index, dtype=object)
    unparsable = present & num.isna()
    reason[unparsable] = "share is not a number: write 0.3303 or 33.03%"
    ambiguous = present & ~is_pct & (num > 1) & ~unparsable
    reason[ambiguous] = "share above 1 without %: write 33.03% for a percentage"
    out_of_range = present & ~unparsable & ~ambiguous & ((value < 0) | (value > 1))
    reason[out_of_range] = "share outside 0-1 (0-100%)"
    return value.astype("float64"), reason.notna(), reason


def parse_bools(col: pd.Series, default: bool | None) -> tuple[pd.Series, pd.Series]:
    low = col.str.lower()
    out = pd.Series(default, index=col.index, dtype="object")
    out[low.isin(TRUE_WORDS)] = True
    out[low.isin(FALSE_WORDS)] = False
    bad = (col != "") & ~low.isin(TRUE_WORDS | FALSE_WORDS)
    return out, bad


def parse_codes(col: pd.Series, allowed: dict[str, str], default: str | None) -> tuple[pd.Series, pd.Series]:
    """Map English codes and Chinese terms (`allowed`: spelling -> code) to codes."""
    low = col.str.lower()
    mapped = low.map(allowed)
    mapped = mapped.where(mapped.notna(), col.map(allowed))
    bad = (col != "") & mapped.isna()
    out = mapped.where(col != "", default)
    return out, bad
