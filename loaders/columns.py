"""Fast set membership and lookups on string columns, through Arrow's hash kernels.

pandas' `isin(set)` and `map(dict)` on a million strings take seconds each (Python objects);
Arrow's `is_in` / `index_in` take a fraction of that, which is most of a city-scale load.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def arrow_strings(values: pd.Series | pa.Array | pa.ChunkedArray | Iterable[str]) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        arr = values
    elif isinstance(values, pd.Series):
        arr = pa.array(values.astype("str"), from_pandas=True)
    else:
        arr = pa.array(list(values), type=pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


class KeyMap:
    """Keys mapped to string values (a set when the values do not matter)."""

    def __init__(
        self,
        keys: Iterable[str] | pd.Series | pa.Array,
        values: Iterable[str] | pd.Series | pa.Array | None = None,
    ):
        self.keys = arrow_strings(keys)
        self.values = self.keys if values is None else arrow_strings(values)
        if len(self.values) != len(self.keys):
            raise ValueError("keys and values differ in length")

    def __len__(self) -> int:
        return len(self.keys)

    def union(self, other: KeyMap) -> KeyMap:
        return KeyMap(
            pa.concat_arrays([self.keys, other.keys]), pa.concat_arrays([self.values, other.values])
        )

    def contains(self, col: pd.Series) -> pd.Series:
        if len(self.keys) == 0:
            return pd.Series(False, index=col.index)
        found = pc.is_in(arrow_strings(col), value_set=self.keys)
        return pd.Series(found.to_numpy(zero_copy_only=False), index=col.index).fillna(False).astype(bool)

    def get(self, col: pd.Series, default: str | None = None) -> pd.Series:
        """The value for each key of `col` (default where absent), as a string column."""
        if len(self.keys) == 0:
            return pd.Series(default, index=col.index, dtype="str" if default is not None else object)
        idx = pc.index_in(arrow_strings(col), value_set=self.keys)
        out = self.values.take(idx)
        if default is not None:
            out = pc.fill_null(out, default)
        values = out.to_pandas().astype("str")
        values.index = col.index  # positional: `col` may be a filtered slice of a frame
        return values
