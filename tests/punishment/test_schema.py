"""Derived kinds have tables in both engines' schema but are no part of the bundle format."""

from __future__ import annotations

import pytest

from graph_credit.model import DERIVED_EDGE_KINDS, DERIVED_NODE_KINDS, EDGE_KINDS, NODE_KINDS
from graph_credit.queries import registry
from graph_credit.schema import generated_files
from graph_credit.store.base import GraphStore


def test_derived_kinds_get_no_load_queries_and_stay_out_of_the_bundle_kinds() -> None:
    assert not set(DERIVED_NODE_KINDS) & set(NODE_KINDS)
    assert not set(DERIVED_EDGE_KINDS) & set(EDGE_KINDS)
    files = generated_files()
    assert all("restriction" not in f and "task" not in f for f in files if f.startswith("load/"))
    ddl = files["schema/create.ladybug.cypher"] + files["schema/create.neo4j.cypher"]
    for name in (*DERIVED_NODE_KINDS, *DERIVED_EDGE_KINDS):
        assert name in ddl


def test_ladybug_derived_tables_have_the_declared_columns(store: GraphStore) -> None:
    if store.engine != "ladybug":
        pytest.skip("typed tables are LadybugDB's")
    store.ensure_schema()
    for kind in (*DERIVED_NODE_KINDS.values(), *DERIVED_EDGE_KINDS.values()):
        rows = store.run_text(f"CALL table_info('{kind.name}') RETURN name, type")  # type: ignore[attr-defined]
        got = {r["name"]: r["type"] for r in rows}
        expected = {c: str(t) for c, t in kind.properties.items()}
        expected[DERIVED_NODE_KINDS[kind.name].key if kind.name in DERIVED_NODE_KINDS else "eid"] = "STRING"
        assert got == expected, kind.name


def test_every_punishment_query_declares_its_mode() -> None:
    reg = registry()
    for name in reg.names():
        if name.startswith("punishment/"):
            for engine in ("ladybug", "neo4j"):
                q = reg.get(name, engine)  # type: ignore[arg-type]
                assert q.purpose, name
                writes = any(w in q.text for w in ("CREATE", "SET ", "DELETE", "COPY", "DROP"))
                assert (q.mode == "write") == writes, name
