"""Reading bundle files: encoding detection and vectorised parsing of the format's values.

Every parser takes a column of raw strings ("" = not known) and returns the parsed values and
a mask of the rows it could not parse, so the caller can reject exactly those rows.
"""

from __future__ import annotations

import codecs
import csv
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from loaders.columns import KeyMap, arrow_strings

TRUE_WORDS = {"true", "yes", "1", "是", "y", "t"}
FALSE_WORDS = {"false", "no", "0", "否", "n", "f"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d")
#: The longest field accepted, in characters: names, addresses and reasons stay far below it, and
#: a longer one (a stray quote's swallowed lines, a pasted document) would travel into every answer.
MAX_FIELD = 4000


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


def read_header(path: Path) -> list[str]:
    """The header's column names, cleaned as `read_csv` cleans them (names are ASCII)."""
    with path.open("rb") as f:
        first = f.readline()
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = first.decode("gb18030")
    return _clean_header(next(csv.reader([text]), []))


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


class _Lines:
    """The decoded lines of a file for `csv.reader`, numbered, with the lines a record took kept
    so that they can be handed back (read again) when the record turns out to be a fold."""

    def __init__(self, source: Iterator[str]) -> None:
        self._source = source
        self._back: deque[tuple[int, str]] = deque()
        self._next_no = 1
        self.taken: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            no, line = self._back.popleft()
        else:
            line = next(self._source)
            no, self._next_no = self._next_no, self._next_no + 1
        self.taken.append((no, line))
        return line

    def give_back(self, lines: list[tuple[int, str]]) -> None:
        self._back.extendleft(reversed(lines))


def _decoded_lines(path: Path, encoding: str, bad_lines: dict[int, str]) -> Iterator[str]:
    """The file's lines decoded; a line in `bad_lines` (it does not decode) with its bad bytes
    replaced, so that the row holding it can still be cut out and kept aside."""
    codec = _py_encoding(encoding)
    with path.open("rb") as f:
        for no, raw in enumerate(f, start=1):
            text = raw.decode(codec, errors="replace" if no in bad_lines else "strict")
            yield text.lstrip("\ufeff") if no == 1 else text


def _looks_like_rows(lines: list[tuple[int, str]], width: int) -> bool:
    return any(len(next(csv.reader([text]), [])) == width for _, text in lines)


def _exact_read(path: Path, encoding: str, bad_lines: dict[int, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The csv module: slower, but knows each record's lines and reports ragged rows.

    A record over several lines whose width is wrong, or whose quoted line breaks swallowed a
    line that is a row of the header's width on its own, is a quote left open: the field took
    the lines up to the next quote. It is rejected at the line where it starts, and the lines
    after that one are read again as rows of their own. (A genuine field with line breaks whose
    lines each hold exactly as many commas as a row would be taken for one too: refused rather
    than folded.)"""
    rows, lines, malformed = [], [], []
    source = _Lines(_decoded_lines(path, encoding, bad_lines))
    limit = csv.field_size_limit()
    csv.field_size_limit(1 << 30)  # a long field is rejected below, with its line, not raised
    try:
        reader = csv.reader(source)
        header = _clean_header(next(reader, []))
        width = len(header)

        def reject(record: list[str], line: int, why: str) -> None:
            padded = (record + [""] * width)[:width]
            malformed.append([*padded, line, "", why])

        source.taken = []
        for record in reader:
            taken, source.taken = source.taken, []
            start, end = taken[0][0], taken[-1][0]
            if not record:
                continue
            undecodable = [no for no, _ in taken if no in bad_lines]
            if end > start and (len(record) != width or _looks_like_rows(taken[1:], width)):
                reject(
                    next(csv.reader([taken[0][1]]), []),  # the opening line alone, as it came
                    start,
                    f"a quote opened on line {start} is not closed before the row ends "
                    f"(it would take lines {start}-{end} as one row); the lines after it are read as rows",
                )
                source.give_back(taken[1:])
            elif undecodable:
                reject(record, start, bad_lines[undecodable[0]])
            elif len(record) != width:
                reject(record, start, f"row has {len(record)} fields, the header has {width}")
            else:
                rows.append([v.strip() for v in record])
                lines.append(start)
    finally:
        csv.field_size_limit(limit)
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame["_line"] = np.array(lines, dtype=np.int64)
    bad = pd.DataFrame(malformed, columns=[*header, "_line", "_column", "_reason"], dtype=object)
    return frame, bad


def _undecodable_lines(path: Path, encoding: str) -> dict[int, str]:
    """Lines that do not decode in `encoding`, each with why (the first bad byte's position)."""
    out: dict[int, str] = {}
    codec = _py_encoding(encoding)
    with path.open("rb") as f:
        for no, raw in enumerate(f, start=1):
            try:
                raw.decode(codec)
            except UnicodeDecodeError as exc:
                out[no] = (
                    f"line {no} is not valid {encoding} (byte 0x{raw[exc.start]:02X} at byte "
                    f"{exc.start + 1} of the line) while the file is {encoding}: another encoding pasted in?"
                )
    return out


def choose_encoding(path: Path) -> tuple[str, dict[int, str]]:
    """The file's encoding, decided for the whole file, and the lines that do not decode in it.

    Strict UTF-8 when every byte decodes. Otherwise lines are counted: a line with non-ASCII
    text that is valid UTF-8 is a UTF-8 line (GBK text almost never is), one that is not valid
    UTF-8 a GB18030 line; the file takes the more common, and lines that do not decode in it are
    rejected with their line number instead of the whole file failing or turning into mojibake."""
    if detect_encoding(path) == "utf-8":
        return "utf-8", {}
    utf8 = other = 0
    with path.open("rb") as f:
        for raw in f:
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                utf8 += 1
            except UnicodeDecodeError:
                other += 1
    encoding = "utf-8" if utf8 > other else "gb18030"
    return encoding, _undecodable_lines(path, encoding)


def _too_long(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` with a field above MAX_FIELD characters, as malformed rows (first such column)."""
    column = pd.Series("", index=frame.index, dtype=object)
    size = pd.Series(0, index=frame.index, dtype=np.int64)
    for name in reversed([c for c in frame.columns if c != "_line"]):
        lengths = frame[name].str.len().fillna(0).astype(np.int64)
        over = lengths > MAX_FIELD
        column[over], size[over] = name, lengths[over]
    hit = column != ""
    out = frame[hit].copy()
    out["_column"] = column[hit]
    out["_reason"] = [f"field of {n:,} characters; at most {MAX_FIELD:,} are accepted" for n in size[hit]]
    return out


def read_csv(path: Path) -> RawFile:
    encoding, bad_lines = choose_encoding(path)
    clean = False
    if not bad_lines:
        frame, clean = _fast_read(path, encoding)
    if clean and _count_lines(path) == len(frame) + 1:
        # One record per line and no blank lines, so record i starts on line i + 2.
        frame["_line"] = np.arange(2, len(frame) + 2)
        malformed = pd.DataFrame(columns=[*frame.columns, "_column", "_reason"])
    else:
        frame, malformed = _exact_read(path, encoding, bad_lines)
    long = _too_long(frame)
    if len(long):
        frame = frame.drop(index=long.index).reset_index(drop=True)
        malformed = pd.concat([malformed, long], ignore_index=True) if len(malformed) else long
    return RawFile(path.name, frame, encoding, malformed)


_DATE = (
    r"^(?P<y>\d{4})(?:-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})|/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})"
    r"|(?P<m3>\d{2})(?P<d3>\d{2}))$"
)
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def _ints(parts: pa.StructArray, *names: str) -> np.ndarray:
    """The first non-empty of the named regex groups, as integers (0 where none)."""
    out = np.zeros(len(parts), dtype=np.int64)
    for name in reversed(names):
        field = pc.struct_field(parts, name)
        text = pc.if_else(pc.equal(field, ""), "0", field)
        values = pc.cast(pc.fill_null(text, "0"), pa.int64()).to_numpy(zero_copy_only=False)
        out = np.where(values > 0, values, out)
    return out


def parse_dates(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`2024-03-01`, `2024/3/1` or `20240301`; a day that does not exist (`2023-02-30`) is bad.

    Arrow's own `strptime` rolls 2023-02-30 over to 2023-03-02, so the parts are taken apart
    with a regex and checked against the calendar here.
    """
    arr = arrow_strings(col)
    present = pc.not_equal(arr, "").to_numpy(zero_copy_only=False)
    # Fast path: canonical YYYY-MM-DD whose day survives parsing is a real day (Arrow's
    # strptime would roll 2023-02-30 over to 2023-03-02: the day then differs).
    parsed = pc.strptime(arr, format="%Y-%m-%d", unit="s", error_is_null=True)
    shaped = pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}$")
    day_given = pc.cast(pc.if_else(shaped, pc.utf8_slice_codeunits(arr, 8, 10), "0"), pa.int64())
    canonical = pc.fill_null(pc.and_(shaped, pc.equal(pc.day(parsed), day_given)), False)
    canonical = canonical.to_numpy(zero_copy_only=False)
    values = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    values[~canonical] = np.datetime64("NaT")
    rest = present & ~canonical
    if rest.any():
        idx = np.flatnonzero(rest)
        other, ok = _parse_other_dates(arr.take(pa.array(idx)))
        values[idx] = other
        bad = np.zeros(len(arr), dtype=bool)
        bad[idx] = ~ok
    else:
        bad = np.zeros(len(arr), dtype=bool)
    return pd.Series(values, index=col.index), pd.Series(bad, index=col.index)


def _parse_other_dates(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """`2024/3/1`, `20240301`, `2024-3-1`: taken apart and checked against the calendar."""
    parts = pc.extract_regex(arr, _DATE)
    matched = pc.is_valid(parts).to_numpy(zero_copy_only=False)
    parts = pc.fill_null(
        parts, pa.scalar({f: "" for f in ("y", "m1", "d1", "m2", "d2", "m3", "d3")}, parts.type)
    )
    y = _ints(parts, "y")
    m = _ints(parts, "m1", "m2", "m3")
    d = _ints(parts, "d1", "d2", "d3")
    ok = matched & (m >= 1) & (m <= 12) & (d >= 1) & (y >= 1000)
    month = ((np.where(ok, y, 1970) - 1970) * 12 + np.where(ok, m, 1) - 1).astype("datetime64[M]")
    first = month.astype("datetime64[D]")
    days_in_month = ((month + 1).astype("datetime64[D]") - first).astype(np.int64)
    ok &= d <= days_in_month
    values = np.where(ok, first + np.where(ok, d, 1) - 1, np.datetime64("NaT")).astype("datetime64[s]")
    return values, ok


def parse_numbers(col: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Plain numbers; `,` thousands separators are dropped. Bad where present and not a number."""
    arr = pc.replace_substring(arrow_strings(col), ",", "")
    good = pc.match_substring_regex(arr, _NUMBER)
    values = pc.cast(pc.if_else(good, arr, pa.scalar(None, pa.string())), pa.float64())
    present = pc.not_equal(arr, "")
    bad = pc.and_(present, pc.invert(good)).to_numpy(zero_copy_only=False)
    return (
        pd.Series(values.to_numpy(zero_copy_only=False), index=col.index, dtype="float64"),
        pd.Series(bad, index=col.index),
    )


def parse_shares(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Fractions (`0.3303`) or percentages (`33.03%`); returns values, bad mask, reasons."""
    present = col != ""
    is_pct = col.str.endswith("%")
    num, _ = parse_numbers(col.str.rstrip("%").str.strip())
    # round away the binary noise of /100 so that "33.03%" is stored as 0.3303
    value = num.where(~is_pct, (num / 100.0).round(10))
    reason = pd.Series(None, index=col.index, dtype=object)
    unparsable = present & num.isna()
    reason[unparsable] = "share is not a number: write 0.3303 or 33.03%"
    ambiguous = present & ~is_pct & (num > 1) & ~unparsable
    reason[ambiguous] = "share above 1 without %: write 33.03% for a percentage"
    out_of_range = present & ~unparsable & ~ambiguous & ((value < 0) | (value > 1))
    reason[out_of_range] = "share outside 0-1 (0-100%)"
    return value.astype("float64"), reason.notna(), reason


def parse_bools(col: pd.Series, default: bool) -> tuple[pd.Series, pd.Series]:
    low = col.str.lower()
    yes = KeyMap(TRUE_WORDS).contains(low)
    no = KeyMap(FALSE_WORDS).contains(low)
    out = pd.Series(np.where(yes, True, np.where(no, False, default)), index=col.index)
    return out, (col != "") & ~yes & ~no


def parse_codes(col: pd.Series, allowed: dict[str, str], default: str | None) -> tuple[pd.Series, pd.Series]:
    """Map English codes and Chinese terms (`allowed`: spelling -> code) to codes."""
    spellings = KeyMap(list(allowed), list(allowed.values()))
    mapped = spellings.get(col.str.lower())
    mapped = mapped.where(mapped.notna(), spellings.get(col))
    bad = (col != "") & mapped.isna()
    out = mapped.where(col != "", default)
    return out, bad
