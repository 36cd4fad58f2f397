"""The GraphStore protocol: what the domain asks of a graph engine, and nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import pandas as pd
import pyarrow as pa

from graph_credit.queries import Engine

# One step of `write_many`: a named write with its parameters, or a named bulk write with its table.
WriteStep = tuple[str, dict[str, Any] | pa.Table]


@runtime_checkable
class GraphStore(Protocol):
    engine: Engine

    def ensure_schema(self) -> None:
        """Create tables, constraints and indexes that are missing; idempotent."""

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run the named read query; rows as dicts keyed by the RETURN aliases."""
        ...

    def read_frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        """Run the named read query; the rows as a DataFrame (for large answers)."""
        ...

    def read_arrow(self, query: str, /, **params: Any) -> pa.Table:
        """Run the named read query; the rows as an Arrow table (bulk reads)."""
        ...

    def write(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run the named write query, serialised against every other write."""
        ...

    def bulk_write(self, name: str, table: pa.Table) -> int:
        """Run a named bulk write over a table: `$frame` on LadybugDB (COPY / LOAD FROM), batches of
        `$rows` on Neo4j (UNWIND). Columns in model order; returns the rows written."""
        ...

    def write_many(self, steps: Sequence[WriteStep]) -> None:
        """Run several named writes in one transaction: all of them are committed, or none."""
        ...

    def close(self) -> None: ...
