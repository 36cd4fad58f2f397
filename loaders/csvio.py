"""Reading bundle files: encoding detection and vectorised parsing of the format's values.

Every parser takes a column of raw strings ("" = not known) and returns the parsed values and
a mask of the rows it could not parse, so the caller can reject exactly those rows.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

TRUE_WORDS = {"true", "yes", "1", "是", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "否", "n", "f"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")


@dataclass
class RawFile:
    name: str
    frame: pd.DataFrame  # every column a string; `_line` is the source line number
    encoding: str
    malformed: pd.DataFrame  # rows that are not CSV records of the header's width, with reasons


def detect_encoding(path: Path, chunk: int = 1 << 22) -> str:
    """Strict UTF-8 first (byte-order mark allowed), else GB18030 (a superset of GBK and GB2312).

    Any byte string decodes as *something* in GB18030, so UTF-8 is tried strictly first: a
    GBK file is almost never valid UTF-8, while the reverse test would accept everything.
    Decoded in chunks so a large file is never held as one string.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while block := f.read(chunk):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _py_encoding(encoding: str) -> str:
    return "utf-8-sig" if encoding == "utf-8" else encoding


def _count_lines(path: Path, chunk: int = 1 << 22) -> int:
    """Physical lines, counting a last line without a line break."""
    n, last = 0, b"\n"
    with path.open("rb") as f:
        while block := f.read(chunk):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def _clean_header(names: list[str]) -> list[str]:
    return [n.lstrip("\ufeff").strip().lower() for n in names]


def _fast_read(path: Path, encoding: str) -> tuple[pd.DataFrame, bool]:
    """pyarrow's multi-threaded reader; returns (frame, clean) where clean=False means some
    row did not parse as a record of the header's width (the caller then reads exactly)."""
    bad: list[int] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append(row.number or -1)
        return "skip"

    with path.open(encoding=_py_encoding(encoding), newline="") as f:
        header = next(csv.reader(f), [])
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(encoding=encoding, block_size=1 << 24),
        parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    frame = pd.DataFrame(
        {
            name: pd.Series(pc.utf8_trim_whitespace(table.column(i)).to_pandas(), dtype="str")
            for i, name in enumerate(_clean_header(table.column_names))
        }
    )
    return frame, not bad


def _exact_read(path: Path, encoding: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The csv module: slower, but knows each record's first line and reports ragged rows."""
    rows, lines, malformed = [], [], []
    with path.open(encoding=_py_encoding(encoding), newline="") as f:
        reader = csv.reader(f)
        header = _clean_header(next(reader, []))
        start = reader.line_num + 1
        for record in reader:
            if not record:
                start = reader.line_num + 1
                continue
            if len(record) != len(header):
                padded = (record + [""] * len(header))[: len(header)]
                malformed.append(
                    [*padded, start, "", f"row has {len(record)} fields, the header has {len(header)}"]
                )
            else:
                rows.append([v.strip() for v in record])
                lines.append(start)
            start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame["_line"] = np.array(lines, dtype=np.int64)
    bad = pd.DataFrame(malformed, columns=[*header, "_line", "_column", "_reason"], dtype=object)
    return frame, bad


def read_csv(path: Path) -> RawFile:
    encoding = detect_encoding(path)
    frame, clean = _fast_read(path, encoding)
    if clean and _count_lines(path) == len(frame) + 1:
        # One record per line and no blank lines, so record i starts on line i + 2.
        frame["_line"] = np.arange(2, len(frame) + 2)
        malformed = pd.DataFrame(columns=[*frame.columns, "_column", "_reason"])
    else:
        frame, malformed = _exact_read(path, encoding)
    return RawFile(path.name, frame, encoding, malformed)


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
