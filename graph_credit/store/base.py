"""The GraphStore protocol: what the domain asks of a graph engine, and nothing more."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import pandas as pd
import pyarrow as pa

from graph_credit.queries import Engine


@runtime_checkable
class GraphStore(Protocol):
    engine: Engine

    def ensure_schema(self) -> None:
        """Create tables, constraints and indexes that are missing; idempotent."""

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named read query; rows as dicts keyed by the RETURN aliases."""
        ...

    def read_frame(self, name: str, **params: Any) -> pd.DataFrame:
        """Run the named read query; the rows as a DataFrame (for large answers)."""
        ...

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named write query, serialised against every other write."""
        ...

    def bulk_insert(self, name: str, table: pa.Table) -> int:
        """Insert rows of new keys (columns in model order) by the engine's fastest path."""
        ...

    def write_batches(self, name: str, rows: list[dict[str, Any]], batch_size: int = 5000) -> int:
        """Run a named `UNWIND $rows` write query over rows in batches, as one serialised write."""
        ...

    def close(self) -> None: ...
