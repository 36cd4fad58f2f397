"""LadybugDB, in-process and on disk: the default engine, nothing to start.

LadybugDB allows one write transaction at a time and fails a second writer at once, so every
write here goes through one lock; reads run concurrently, each thread on its own Connection.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ladybug
import pandas as pd
import pyarrow as pa

from graph_credit.errors import EngineError
from graph_credit.model import DERIVED_NODE_KINDS, NODE_KINDS
from graph_credit.queries import KEY_LOOKUP, Query, QueryRegistry, registry
from graph_credit.store.base import WriteStep
from graph_credit.topology.cache import Patch, file_stamp, note_write
from graph_credit.topology.relevance import PATCHABLE, WriteEffect, write_effect

_STATEMENT_END = re.compile(r";\s*$", re.MULTILINE)
_COPY_INTO = re.compile(r"^\s*COPY\s+`?(\w+)`?\s+FROM\b", re.IGNORECASE | re.MULTILINE)
_NODE_TABLES = frozenset(NODE_KINDS) | frozenset(DERIVED_NODE_KINDS)


def _copies_nodes(text: str) -> bool:
    m = _COPY_INTO.search(text)
    return m is not None and m.group(1) in _NODE_TABLES


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
        self._threads = os.cpu_count() or 1
        self._write_lock = threading.RLock()  # re-entrant: see write_lock
        # For the topology index (graph_credit.topology): the database state this store sees when
        # read-only, a count of this store's writes, and a count of those that changed what the
        # index holds (graph_credit.topology.relevance), part of its staleness check.
        self.use_topology_index = use_topology_index
        self.topology_dir = Path(topology_dir) if topology_dir else None
        self.opened_stamp = file_stamp(self.path) if read_only else None
        self.generation = 0
        self.topology_generation = 0
        if not read_only:
            self._upgrade()

    def _upgrade(self) -> None:
        """Give an older database's tables the columns this release added (a no-op on a new one,
        whose tables come whole from `ensure_schema`, and on a database without those tables)."""
        for stmt in _STATEMENT_END.split(self._query("schema/upgrade").text):
            if not stmt.strip():
                continue
            try:
                self._run(stmt, {})
            except EngineError as exc:
                if "does not exist" not in str(exc):
                    raise

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
        self._local.threads = None
        return self._conn()

    def _query(self, name: str) -> Query:
        return self._queries.get(name, "ladybug")

    def _run(
        self, text: str, params: dict[str, Any], *, point: bool = False, one_thread: bool = False
    ) -> Any:
        conn = self._conn()
        # A key lookup on one thread: on a busy machine, splitting a few rows' work across the
        # engine's worker threads costs more in waiting than it saves (bench/punishment.py, the
        # lookups). Scans and bulk reads keep every thread.
        threads = 1 if point or one_thread else self._threads
        if getattr(self._local, "threads", None) != threads:
            conn.set_max_threads_for_exec(threads)
            self._local.threads = threads
        try:
            if any(isinstance(v, pa.Table) for v in params.values()):
                try:
                    return conn.execute(text, params)
                finally:
                    _forget_table_statements(conn)
            return conn.execute(text, params)
        except RuntimeError as exc:
            raise EngineError(f"LadybugDB: {exc}") from exc

    # protocol ----------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        text = self._query("schema/create").text
        with self._write_lock:
            self.generation += 1
            self.topology_generation += 1
            for stmt in _STATEMENT_END.split(text):
                if stmt.strip():
                    self._run(stmt, {})

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        q = self._query(query)
        result = self._run(q.text, params, point=q.point)
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
        """Run ad-hoc read text (benchmarks' bare-engine floor, the guarded console); a key
        lookup runs as a named one would."""
        result = self._run(text, params or {}, point=bool(KEY_LOOKUP.search(text)))
        cols = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(cols, result.get_next(), strict=True)))
        return rows

    def read_only_text(
        self, text: str, params: dict[str, Any], *, max_rows: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        """One statement of ad-hoc text in a read-only transaction on a connection of its own
        (graph_credit.console checks the text first): prepared, so a second statement is
        refused by the engine; at most `max_rows` rows, and whether more were left."""
        conn = getattr(self._local, "console", None)
        if conn is None:
            conn = self._local.console = ladybug.Connection(self._db)
        conn.set_query_timeout(timeout_ms)
        try:
            conn.execute("BEGIN TRANSACTION READ ONLY")
        except RuntimeError as exc:
            self._local.console = None
            raise EngineError(f"LadybugDB: {exc}") from exc
        try:
            with warnings.catch_warnings():
                # prepare() is deprecated in favour of execute(), but it alone refuses a second statement
                warnings.simplefilter("ignore", DeprecationWarning)
                prepared = conn.prepare(text)
            result = conn.execute(prepared, params)
            if isinstance(result, list):  # never from a prepared statement; refuse rather than guess
                raise EngineError("LadybugDB: more than one statement")
            cols = result.get_column_names()
            rows: list[list[Any]] = []
            while result.has_next() and len(rows) < max_rows:
                rows.append(list(result.get_next()))
            truncated = result.has_next()
            result.close()
            return cols, rows, truncated
        except RuntimeError as exc:
            raise EngineError(f"LadybugDB: {exc}") from exc
        finally:
            # an error inside the transaction has already rolled it back
            with contextlib.suppress(RuntimeError):
                conn.execute("ROLLBACK")

    def write(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        q = self._query(query)
        effect = write_effect(q)
        with self._write_lock:
            before = self._before(effect)
            try:
                result = self._run(q.text, params, point=q.point)
            except EngineError:
                self._fresh_conn()
                self._after(before, [])
                raise
            rows = _rows(result)
            self._after(before, [(effect, rows)])
            return rows

    def bulk_write(self, name: str, table: pa.Table) -> int:
        if table.num_rows == 0:
            return 0
        q = self._query(name)
        effect = write_effect(q)
        with self._write_lock:
            before = self._before(effect)
            try:
                self._copy(q.text, table)
            except EngineError:
                self._fresh_conn()
                self._after(before, [])
                raise
            self._after(before, [(effect, None)])
        return table.num_rows

    def _copy(self, text: str, table: pa.Table) -> None:
        if not _copies_nodes(text):
            self._run(text, {"frame": table})
            return
        # LadybugDB 0.22 can deadlock in a node-table COPY: each worker thread building the
        # primary-key hash index holds one sub-index's lock and waits for a read lock on the
        # other's (IndexBuilderGlobalQueues::maybeConsumeIndex, seen in gdb), never to return,
        # using no CPU. Seen with non-ASCII string keys from ~150k rows on (the department tasks
        # of a city rebuild, 575k rows, hung every time); one thread cannot deadlock that way and
        # on two cores copies as fast. Rel tables build no such index and keep every thread.
        self._run(text, {"frame": table}, one_thread=True)

    def write_many(self, steps: Sequence[WriteStep]) -> None:
        todo = [(self._query(name), arg) for name, arg in steps if not _empty_table(arg)]
        if not todo:
            return
        effects = [write_effect(q) for q, _ in todo]
        with self._write_lock:
            before = self._before(*effects)
            conn = self._conn()
            done: list[tuple[WriteEffect, list[dict[str, Any]] | None]] = []
            # One commit instead of one per statement: on disk each commit costs milliseconds.
            self._run("BEGIN TRANSACTION", {})
            try:
                for (q, arg), effect in zip(todo, effects, strict=True):
                    if isinstance(arg, pa.Table):
                        self._copy(q.text, arg)
                        done.append((effect, None))
                    else:
                        result = self._run(q.text, arg, point=q.point)
                        done.append((effect, _rows(result) if effect.fields else []))
                self._run("COMMIT", {})
            except EngineError:
                # a failed statement has rolled the transaction back already; make sure of it
                with contextlib.suppress(RuntimeError):
                    conn.execute("ROLLBACK")
                self._fresh_conn()
                self._after(before, [])
                raise
            self._after(before, done)

    # the topology index across writes (graph_credit.topology.cache) -----------------------
    @property
    def write_lock(self) -> threading.RLock:
        """Held through each write, from before its first statement until the topology index has
        been carried over it: a reader that finds the index's stamp behind the files waits on it
        before calling the index stale (the files change before the write can say what it did)."""
        return self._write_lock

    def _before(self, *effects: WriteEffect) -> str | None:
        """The file stamp before a write that may leave the topology index in place."""
        self.generation += 1
        if any(e.structural for e in effects):
            self.topology_generation += 1
            return None
        return file_stamp(self.path) if self.use_topology_index else None

    def _after(self, before: str | None, done: list[tuple[WriteEffect, list[dict[str, Any]] | None]]) -> None:
        """Carry the index over the write: patched from the rows its statements returned, or made
        stale where a statement that changed an index field did not say which node got which value."""
        if before is None:
            return
        patches: list[Patch] = []
        for effect, rows in done:
            for table, fields in effect.fields.items():
                key = NODE_KINDS[table].key
                if rows is None or any(key not in r or not fields <= r.keys() for r in rows):
                    self.topology_generation += 1
                    return
                patches += [(table, r[key], PATCHABLE[f], r[f]) for r in rows for f in sorted(fields)]
        if not note_write(self, before, file_stamp(self.path), patches):
            self.topology_generation += 1

    def close(self) -> None:
        holder = self.__dict__.get("_topology_holder")
        building = getattr(holder, "building", None)
        if building is not None and building.is_alive():
            building.join()  # a background index build reads through this database: let it finish
        self._local = threading.local()
        self._db.close()


def _rows(result: Any) -> list[dict[str, Any]]:
    cols = result.get_column_names()
    rows = []
    while result.has_next():
        rows.append(dict(zip(cols, result.get_next(), strict=True)))
    return rows


def _empty_table(arg: object) -> bool:
    return isinstance(arg, pa.Table) and arg.num_rows == 0


def _forget_table_statements(conn: ladybug.Connection) -> None:
    """Drop the statements execute() cached for a table parameter.

    ladybug keeps a prepared statement per (text, parameter types) for the life of the
    connection, and each table is a type of its own: every bulk write would leave one behind,
    holding its data (about 0.4 MB per small write, without end, in a server taking record
    changes). Preparing each call apart instead costs a millisecond more per write; dropping the
    entry after the call does not. The cache is the library's own (ladybug is pinned)."""
    cache = getattr(conn, "_pybind_implicit_prepared_cache", None)
    lock = getattr(conn, "_prepared_cache_lock", None)
    if not cache or lock is None:
        return
    with lock:
        for key in [k for k in cache if any(sig and sig[0] == "pointer" for _, sig in k[1])]:
            del cache[key]
