"""The GraphStore protocol: what the domain asks of a graph engine, and nothing more."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
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


@runtime_checkable
class TopologyHost(Protocol):
    """A store the read-side topology index (graph_credit.topology) can be kept for: an embedded
    database in a file. The index is persisted beside it (or in `topology_dir`) and is fresh while
    the file stamp and the count of topology-changing writes are those it was built at."""

    engine: Engine
    path: Path
    use_topology_index: bool
    topology_dir: Path | None
    read_only: bool
    opened_stamp: str | None  # the file stamp when a read-only store opened (the files cannot change)
    topology_generation: int  # writes through this store that changed what the index holds

    @property
    def write_lock(self) -> AbstractContextManager[Any]:
        """Held through each write until the index has been carried over it."""
        ...


@runtime_checkable
class StoreWrapper(Protocol):
    """A store that passes its queries on to another (e.g. one that records them): the topology
    index belongs to the store it wraps."""

    wrapped: GraphStore


def topology_host(store: GraphStore) -> TopologyHost | None:
    """The store a topology index is kept for, seen through any wrapper; None for an engine that
    keeps none (Neo4j) or a store with the index switched off."""
    while isinstance(store, StoreWrapper):
        store = store.wrapped
    if isinstance(store, TopologyHost) and store.engine == "ladybug" and store.use_topology_index:
        return store
    return None
