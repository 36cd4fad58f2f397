"""Between the store and the derivation: typed Arrow tables for writes, dates from arguments."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from graph_credit.dates import to_date
from graph_credit.model import PropType

__all__ = ["arrow_rows", "arrow_table", "py_date", "to_date"]

_ARROW = {
    PropType.STRING: pa.string(),
    PropType.DOUBLE: pa.float64(),
    PropType.DATE: pa.date32(),
    PropType.BOOL: pa.bool_(),
    PropType.INT: pa.int64(),
}


def arrow_table(df: pd.DataFrame, types: dict[str, PropType]) -> pa.Table:
    """`df`'s columns named in `types`, in that order, typed as the engine's table declares them."""
    cols = []
    for name, t in types.items():
        s = df[name] if name in df.columns else pd.Series([None] * len(df), index=df.index)
        if t == PropType.DATE:
            days = pd.to_datetime(s, errors="coerce").to_numpy(dtype="datetime64[D]")
            cols.append(pa.array(days, from_pandas=True).cast(pa.date32()))
        elif t == PropType.BOOL:
            if s.dtype == bool:
                cols.append(pa.array(s.to_numpy(), type=pa.bool_()))
            else:
                cols.append(
                    pa.array(s.astype(object).where(s.notna(), None).to_numpy(dtype=object), type=pa.bool_())
                )
        elif t == PropType.INT:
            cols.append(pa.array(s.astype("Int64").to_numpy(dtype=object, na_value=None), type=pa.int64()))
        elif t == PropType.DOUBLE:
            cols.append(pa.array(s.astype("float64").to_numpy(), type=pa.float64()))
        elif isinstance(s.dtype, pd.CategoricalDtype) and s.notna().all():
            cols.append(pa.array(s).cast(pa.string()))  # the texts decoded once, here
        elif isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow":
            # Arrow-backed already: hand over its buffers rather than a round trip through objects.
            cols.append(pa.array(s).cast(pa.string()))
        else:
            v = s.astype(object).where(s.notna(), None).to_numpy(dtype=object)
            try:
                cols.append(pa.array(v, type=pa.string()))
            except (pa.ArrowTypeError, pa.ArrowInvalid):
                cols.append(pa.array([None if x is None else str(x) for x in v], type=pa.string()))
    return pa.Table.from_arrays(cols, names=list(types))


def arrow_rows(rows: list[dict], types: dict[str, PropType]) -> pa.Table:
    """Plain rows (dates as `datetime.date`) as a table typed like `arrow_table`'s, without pandas."""
    schema = pa.schema([(name, _ARROW[t]) for name, t in types.items()])
    return pa.Table.from_pylist([{name: r.get(name) for name in types} for r in rows], schema=schema)


def py_date(value: object) -> dt.date | None:
    """A Timestamp / date / NaT / None from a frame as a plain date or None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    return None
