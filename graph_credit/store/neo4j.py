"""Neo4j 5 over Bolt with the official driver: the engine for shared deployments."""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow as pa
from neo4j.graph import Node, Path, Relationship

from graph_credit.errors import EngineError
from graph_credit.queries import Query, QueryRegistry, registry
from graph_credit.store.base import WriteStep

_STATEMENT_END = re.compile(r";\s*$", re.MULTILINE)


def _to_python(value: Any) -> Any:
    """Driver values as plain Python, shaped as LadybugDB returns them: temporal values to
    `datetime`, and nodes, relationships and paths (the console may return them) to dicts with
    `_ID`, `_LABEL` (`_SRC`/`_DST` on relationships; `_NODES`/`_RELS` on paths) and properties."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_to_python(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_python(v) for k, v in value.items()}
    if isinstance(value, Node):
        return {"_ID": value.element_id, "_LABEL": ":".join(sorted(value.labels))} | {
            k: _to_python(v) for k, v in value.items()
        }
    if isinstance(value, Relationship):
        ends = {"_SRC": _element_id(value.start_node), "_DST": _element_id(value.end_node)}
        return (
            {"_ID": value.element_id, "_LABEL": value.type}
            | ends
            | {k: _to_python(v) for k, v in value.items()}
        )
    if isinstance(value, Path):
        return {
            "_NODES": [_to_python(n) for n in value.nodes],
            "_RELS": [_to_python(r) for r in value.relationships],
        }
    return value


def _element_id(node: Any) -> str | None:
    return None if node is None else node.element_id


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


class Neo4jStore:
    engine = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str = "neo4j",
        queries: QueryRegistry | None = None,
    ) -> None:
        from neo4j import GraphDatabase

        self._driver = GraphDatabase.driver(uri, auth=(user, password))
        self._database = database
        self._queries = queries or registry()
        # Neo4j takes concurrent writers, but the domain relies on one write at a time
        # (read-your-write sequences in propagation); keep the same guarantee on both engines.
        self._write_lock = threading.Lock()

    def _query(self, name: str) -> Query:
        return self._queries.get(name, "neo4j")

    def _execute(self, text: str, params: dict[str, Any], write: bool) -> list[dict[str, Any]]:
        from neo4j import RoutingControl
        from neo4j.exceptions import Neo4jError

        try:
            records, _, keys = self._driver.execute_query(
                text,
                params,
                database_=self._database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except Neo4jError as exc:
            raise EngineError(f"Neo4j: {exc}") from exc
        return [{k: _to_python(r[k]) for k in keys} for r in records]

    def ensure_schema(self) -> None:
        with self._write_lock:
            for stmt in _STATEMENT_END.split(self._query("schema/create").text):
                if stmt.strip():
                    self._execute(stmt, {}, write=True)

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        return self._execute(self._query(query).text, params, write=False)

    def read_frame(self, query: str, /, **params: Any) -> pd.DataFrame:
        return pd.DataFrame(self.read(query, **params))

    def read_arrow(self, query: str, /, **params: Any) -> pa.Table:
        return pa.Table.from_pylist(self.read(query, **params))

    def run_text(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._execute(text, params or {}, write=False)

    def read_only_text(
        self, text: str, params: dict[str, Any], *, max_rows: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        """Ad-hoc text in a READ access-mode transaction (the server refuses writes in it), with a
        transaction timeout; at most `max_rows` rows, and whether more were left."""
        from neo4j import READ_ACCESS, unit_of_work
        from neo4j.exceptions import Neo4jError

        # The time limit belongs to the transaction function: the driver refuses a `Query` with a
        # timeout inside a managed transaction (TypeError: only supported for session.run).
        @unit_of_work(timeout=timeout_ms / 1000)
        def work(tx: Any) -> tuple[list[str], list[list[Any]], bool]:
            result = tx.run(text, params)
            keys = list(result.keys())
            rows = []
            for record in result:
                if len(rows) == max_rows:
                    return keys, rows, True
                rows.append([_to_python(record[k]) for k in keys])
            return keys, rows, False

        try:
            with self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as s:
                return s.execute_read(work)
        except Neo4jError as exc:
            raise EngineError(f"Neo4j: {exc}") from exc

    def write(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        with self._write_lock:
            return self._execute(self._query(query).text, params, write=True)

    def bulk_write(self, name: str, table: pa.Table) -> int:
        return self._write_batches(name, table.to_pylist())

    def _write_batches(self, name: str, rows: list[dict[str, Any]]) -> int:
        text = self._query(name).text
        with self._write_lock:
            for batch in _batches(rows):
                self._execute(text, batch, write=True)
        return len(rows)

    def write_many(self, steps: Sequence[WriteStep]) -> None:
        from neo4j.exceptions import Neo4jError

        todo = []
        for name, arg in steps:
            text = self._query(name).text
            if isinstance(arg, pa.Table):
                todo += [(text, batch) for batch in _batches(arg.to_pylist())]
            else:
                todo.append((text, arg))

        def work(tx: Any) -> None:
            for text, params in todo:
                tx.run(text, params).consume()

        if not todo:
            return
        with self._write_lock:
            try:
                with self._driver.session(database=self._database) as s:
                    s.execute_write(work)
            except Neo4jError as exc:
                raise EngineError(f"Neo4j: {exc}") from exc

    def close(self) -> None:
        self._driver.close()


def _batches(rows: list[dict[str, Any]], size: int = 5000) -> list[dict[str, Any]]:
    """`$rows` parameters for UNWIND, `size` rows each, values as the driver takes them."""
    return [
        {"rows": [{k: _clean(v) for k, v in r.items()} for r in rows[i : i + size]]}
        for i in range(0, len(rows), size)
    ]
