"""The declaration, the generated cypher/ files and the engines' real schemas agree."""

import pytest

from graph_credit.model import DERIVED_NODE_KINDS, EDGE_KINDS, NODE_KINDS
from graph_credit.queries import CYPHER_ROOT, ENGINES, registry
from graph_credit.schema import generated_files
from graph_credit.store.base import GraphStore


def test_committed_generated_files_match_the_model() -> None:
    stale = [
        rel
        for rel, text in generated_files().items()
        if not (CYPHER_ROOT / rel).exists() or (CYPHER_ROOT / rel).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `python -m graph_credit.schema`; stale: {stale}"


def test_every_query_name_resolves_for_both_engines() -> None:
    reg = registry()
    for name in reg.names():
        for engine in ENGINES:
            q = reg.get(name, engine)
            assert q.text, name
            undeclared = q.used_params - set(q.params)
            assert not undeclared, f"{q.path}: $parameters not in its header: {undeclared}"


def test_every_parameter_bound_node_pattern_is_a_primary_key_lookup() -> None:
    """The embedded store runs such queries on one thread (`Query.point`), right only for the few
    rows a key lookup starts from; a pattern bound on another property would scan."""
    keys = {k.name: k.key for k in (*NODE_KINDS.values(), *DERIVED_NODE_KINDS.values())}
    reg = registry()
    points = 0
    for name in reg.names():
        for engine in ENGINES:
            q = reg.get(name, engine)
            for table, prop in q.key_lookups:
                assert keys.get(table) == prop, f"{q.path}: ({table} {{{prop}: $…}}) is not a key lookup"
            points += q.point
    assert points > 50
    assert not reg.get("investigate/search_enterprise_name", "ladybug").point


def test_ladybug_tables_have_the_declared_columns(store: GraphStore) -> None:
    if store.engine != "ladybug":
        pytest.skip("typed tables are LadybugDB's; Neo4j's schema is checked by its own test")
    store.ensure_schema()
    store.ensure_schema()  # idempotent
    for kind in (*NODE_KINDS.values(), *EDGE_KINDS.values()):
        rows = store.run_text(f"CALL table_info('{kind.name}') RETURN name, type")  # type: ignore[attr-defined]
        got = {r["name"]: r["type"] for r in rows}
        expected = {c: str(t) for c, t in kind.properties.items()}
        if kind.name in NODE_KINDS:
            expected[NODE_KINDS[kind.name].key] = "STRING"
        else:
            expected["eid"] = "STRING"
        assert got == expected, kind.name


def test_neo4j_schema_constrains_every_key(store: GraphStore) -> None:
    if store.engine != "neo4j":
        pytest.skip("constraints are Neo4j's; LadybugDB's typed tables are checked by their own test")
    store.ensure_schema()
    rows = store.run_text("SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN *")  # type: ignore[attr-defined]
    got = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows}
    assert {(k.name, k.key) for k in NODE_KINDS.values()} <= got
