"""Arrow column helpers and the CSV writer: columns are built as Arrow string arrays, nulls
written as empty fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

STR = pa.string()


def lookup(table: list[str] | tuple[str, ...], idx: np.ndarray) -> pa.Array:
    """table[idx] as a string array; negative indices give nulls."""
    idx = np.asarray(idx, np.int64)
    neg = idx < 0
    return pa.array(list(table), STR).take(pa.array(idx, mask=neg if neg.any() else None))


def join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def num(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pc.cast(pa.array(values, mask=mask), STR)


def zpad(values: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(num(values), width, "0")


def date(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Days since 1970-01-01 as `YYYY-MM-DD`; where mask is true, an empty field."""
    return pc.cast(pa.array(np.asarray(days, np.int32), pa.date32(), mask=mask), STR)


def wan(yuan: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Integer yuan as 万元, shortest decimal form (12345678 -> 1234.5678)."""
    return pc.cast(pa.array(np.asarray(yuan, np.int64) / 10000.0, mask=mask), STR)


def code_strings(values: np.ndarray) -> pa.Array:
    """An `S` bytes array (USCCs, IDs) as strings."""
    return pa.array(values).cast(STR)


def concat(parts: list[pa.Array]) -> pa.Array:
    return pa.concat_arrays([p.cast(STR) if p.type != STR else p for p in parts])


def by_case(case: np.ndarray, *builders: Callable[[np.ndarray], pa.Array]) -> pa.Array:
    """Row i from builders[case[i]]; each builder is called once, with its rows' positions."""
    parts: list[tuple[np.ndarray, pa.Array]] = []
    for j, build in enumerate(builders):
        rows = np.flatnonzero(case == j)
        if len(rows):
            parts.append((rows, build(rows)))
    order = np.concatenate([rows for rows, _ in parts])
    inverse = np.empty(len(order), np.int64)
    inverse[order] = np.arange(len(order))
    return concat([a for _, a in parts]).take(pa.array(inverse))


def write(path: Path, columns: dict[str, pa.Array], extra: list[dict[str, str]] | None = None) -> int:
    """Write one CSV file: an unquoted header, then the rows, then any extra (dirty) rows."""
    if extra:
        columns = {
            name: concat([col, pa.array([row.get(name, "") for row in extra], STR)])
            for name, col in columns.items()
        }
    table = pa.table(columns)
    with path.open("wb") as f:
        f.write((",".join(table.column_names) + "\n").encode("utf-8"))
        pacsv.write_csv(
            table, f, write_options=pacsv.WriteOptions(include_header=False, quoting_style="none")
        )
    return table.num_rows
