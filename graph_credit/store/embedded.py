"""LadybugDB, in-process and on disk: the default engine, nothing to start.

LadybugDB allows one write transaction at a time and fails a second writer at once, so every
write here goes through one lock; reads run concurrently, each thread on its own Connection.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import ladybug
import pandas as pd
import pyarrow as pa

from graph_credit.errors import EngineError
from graph_credit.queries import Query, QueryRegistry, registry
from graph_credit.topology.cache import file_stamp

_STATEMENT_END = re.compile(r";\s*$", re.MULTILINE)


class EmbeddedStore:
    engine = "ladybug"

    def __init__(
        self,
        path: Path | str,
        *,
        buffer_pool_mb: int = 2048,
        query_timeout_ms: int = 30_000,
        read_only: bool = False,
        queries: QueryRegistry | None = None,
        use_topology_index: bool = True,
        topology_dir: Path | str | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.read_only = read_only
        self._queries = queries or registry()
        self._timeout_ms = query_timeout_ms
        self._db = ladybug.Database(
            str(self.path), buffer_pool_size=buffer_pool_mb * 1024 * 1024, read_only=read_only
        )
        self._local = threading.local()
        self._write_lock = threading.Lock()
        # For the topology index (graph_credit.topology): the database state this store sees when
        # read-only, and a count of this store's writes, both part of its staleness check.
        self.use_topology_index = use_topology_index
        self.topology_dir = Path(topology_dir) if topology_dir else None
        self.opened_stamp = file_stamp(self.path) if read_only else None
        self.generation = 0

    # connections -------------------------------------------------------------------------
    def _conn(self) -> ladybug.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = ladybug.Connection(self._db)
            conn.set_query_timeout(self._timeout_ms)
            self._local.conn = conn
        return conn

    def _fresh_conn(self) -> ladybug.Connection:
        # A connection whose write failed can stay unusable for the same statement.
        self._local.conn = None
        return self._conn()

    def _query(self, name: str) -> Query:
        return self._queries.get(name, "ladybug")

    def _run(self, text: str, params: dict[str, Any]) -> Any:
        try:
            return self._conn().execute(text, params)
        except RuntimeError as exc:
            raise EngineError(f"LadybugDB: {exc}") from exc

    # protocol ----------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        text = self._query("schema/create").text
        with self._write_lock:
            self.generation += 1
            for stmt in _STATEMENT_END.split(text):
                if stmt.strip():
                    self._run(stmt, {})

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        result = self._run(self._query(query).text, params)
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(cols, result.get_next(), strict=True)))
        return rows

    def read_frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        result = self._run(self._query(query).text, params)
        return result.get_as_df()

    def read_arrow(self, query: str, /, **params: Any) -> pa.Table:
        """Run the named read query; the rows as an Arrow table (bulk reads, no Python objects)."""
        result = self._run(self._query(query).text, params)
        return result.get_as_arrow()

    def run_text(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run ad-hoc read text (benchmarks' bare-engine floor, the guarded console)."""
        result = self._run(text, params or {})
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(cols, result.get_next(), strict=True)))
        return rows

    def write(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        q = self._query(query)
        with self._write_lock:
            self.generation += 1
            try:
                result = self._run(q.text, params)
            except EngineError:
                self._fresh_conn()
                raise
            cols = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append(dict(zip(cols, result.get_next(), strict=True)))
            return rows

    def bulk_write(self, name: str, table: pa.Table) -> int:
        if table.num_rows == 0:
            return 0
        q = self._query(name)
        with self._write_lock:
            self.generation += 1
            try:
                self._run(q.text, {"frame": table})
            except EngineError:
                self._fresh_conn()
                raise
        return table.num_rows

    def close(self) -> None:
        self._local = threading.local()
        self._db.close()
