"""A store that notes every named read it passes on: a credit check reports how many queries it
issued and keeps them as its trace, and the screening benchmark replays them as bare engine queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow as pa

from graph_credit.store.base import GraphStore, WriteStep


class RecordingStore:
    """Records `read` calls as (query name, parameters); everything else goes straight to the
    wrapped store, whose topology index the walks use (graph_credit.store.base.StoreWrapper)."""

    def __init__(self, store: GraphStore) -> None:
        self.wrapped = store
        self.engine = store.engine
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        self.calls.append((query, params))
        return self.wrapped.read(query, **params)

    def read_frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        return self.wrapped.read_frame(query, **params)

    def read_arrow(self, query: str, /, **params: Any) -> pa.Table:
        return self.wrapped.read_arrow(query, **params)

    def ensure_schema(self) -> None:
        self.wrapped.ensure_schema()

    def write(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        return self.wrapped.write(query, **params)

    def bulk_write(self, name: str, table: pa.Table) -> int:
        return self.wrapped.bulk_write(name, table)

    def write_many(self, steps: Sequence[WriteStep]) -> None:
        self.wrapped.write_many(steps)

    def close(self) -> None:
        self.wrapped.close()
