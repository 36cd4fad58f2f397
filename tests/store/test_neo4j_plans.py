"""Neo4j plans: every read query of the catalogue that looks a node up by its key starts from an
index seek, never from a scan of a label or of every node.

Name search must use the name indexes. A key lookup is a node pattern binding the declared key of its label to a `$parameter` or to a
variable (`UNWIND $keys AS k MATCH (p:Person {pkey: k})`). Queries that read a whole table on
purpose (prewarming, the topology index, loading, counts) bind no key and are not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph_credit.model import DERIVED_NODE_KINDS, NODE_KINDS
from graph_credit.queries import Query, registry
from graph_credit.store.base import GraphStore

pytestmark = pytest.mark.neo4j

KEYS = {k.name: k.key for k in (*NODE_KINDS.values(), *DERIVED_NODE_KINDS.values())}
LOOKUP = re.compile(r"\(\s*\w*\s*:\s*(\w+)\s*\{\s*(\w+)\s*:\s*\$?[A-Za-z_]\w*\s*[,}]")
SCANS = ("NodeByLabelScan", "AllNodesScan")


def _key_lookups(q: Query) -> list[tuple[str, str]]:
    return [(label, prop) for label, prop in LOOKUP.findall(q.text) if KEYS.get(label) == prop]


def _lookup_queries() -> list[Query]:
    reg = registry()
    return [q for name in reg.names() if (q := reg.get(name, "neo4j")).mode == "read" and _key_lookups(q)]


def _operators(plan: Any) -> list[str]:
    """Operator names of a plan tree, without the `@database` suffix."""
    ops = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        ops += _operators(child)
    return ops


def test_the_catalogue_has_key_lookups_to_check() -> None:
    queries = _lookup_queries()
    assert len(queries) > 100
    assert any(re.search(r"\{\s*\w+\s*:\s*k\s*\}", q.text) for q in queries), "UNWIND lookups are covered"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The plan of every key-lookup query, over the fixture bundle (so the planner has counts)."""
    import shutil

    from loaders.load import load_bundle
    from tests.conftest import FIXTURES, SECRET, _neo4j_store

    store: GraphStore = _neo4j_store()
    try:
        bundle = tmp_path_factory.mktemp("plans") / "bundle"
        shutil.copytree(FIXTURES / "bundle_basic", bundle)
        load_bundle(store, bundle, SECRET)
        driver = store._driver  # type: ignore[attr-defined]
        plans = {}
        reg = registry()
        with driver.session(database=store._database) as session:  # type: ignore[attr-defined]
            for q in _lookup_queries():
                summary = session.run("EXPLAIN " + q.text, dict.fromkeys(q.params)).consume()
                plans[str(q.path.relative_to(Path(q.path).parents[1]))] = _operators(summary.plan)
            for q in (
                reg.get(f"investigate/search_{kind}_name{exact}", "neo4j")
                for kind in ("enterprise", "person")
                for exact in ("", "_exact")
            ):
                summary = session.run("EXPLAIN " + q.text, dict.fromkeys(q.params)).consume()
                plans[f"(search) {q.name}"] = _operators(summary.plan)
            # the control: a lookup on a property without an index is seen as a scan
            control = session.run(
                "EXPLAIN MATCH (e:Enterprise {address: $n}) RETURN e.uscc", n=None
            ).consume()
            plans["(control)"] = _operators(control.plan)
        return plans
    finally:
        store.close()


def test_key_lookups_seek_and_never_scan(planned: dict[str, list[str]]) -> None:
    planned = {k: v for k, v in planned.items() if not k.startswith("(search)")}
    assert "NodeByLabelScan" in planned.pop("(control)")
    scanning = {name: [op for op in ops if op in SCANS] for name, ops in planned.items()}
    scanning = {name: ops for name, ops in scanning.items() if ops}
    assert not scanning, f"a key lookup planned as a scan: {scanning}"
    unseeking = [name for name, ops in planned.items() if not any("Seek" in op for op in ops)]
    assert not unseeking, f"no index seek in the plan of: {unseeking}"


def test_name_search_uses_the_name_indexes(planned: dict[str, list[str]]) -> None:
    """A text index answers CONTAINS, a range index the exact name (schema/create on Neo4j)."""
    search = {k.removeprefix("(search) "): v for k, v in planned.items() if k.startswith("(search)")}
    assert len(search) == 4
    for name, ops in search.items():
        assert not set(ops) & set(SCANS), f"{name}: {ops}"
        assert ("NodeIndexSeek" if name.endswith("_exact") else "NodeIndexContainsScan") in ops, (
            f"{name}: {ops}"
        )
