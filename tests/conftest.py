"""Shared fixtures: the same tests run on the embedded engine and, when reachable, on Neo4j."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "test-secret"
NEO4J_SKIP = "NEO4J_URI is not set: no Neo4j 5 server to run the engine tests against"


def _neo4j_store(*, wipe: bool = True) -> GraphStore:
    """The one database of the test server, emptied. Community edition has a single user database,
    so tests take turns in it: each starts by deleting every node and edge (a few ms at test size).
    Constraints and indexes stay, as `ensure_schema` would make them again; the schema test drops
    them itself. Tests using it must not run in parallel processes against the same server."""
    from graph_credit.store.neo4j import Neo4jStore

    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("REQUIRE_NEO4J") == "1":
            pytest.fail("REQUIRE_NEO4J=1 but NEO4J_URI is not set; run scripts/test.sh", pytrace=False)
        pytest.skip(NEO4J_SKIP)
    store = Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    if wipe:
        store.write("admin/wipe")
    return store


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store on each engine; the Neo4j one is skipped, visibly, without a server."""
    if request.param == "neo4j":
        s = _neo4j_store()
    else:
        s = EmbeddedStore(tmp_path / "graph.lbug", buffer_pool_mb=256)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def neo4j_store() -> Iterator[GraphStore]:
    """An empty store on Neo4j alone, for what only Neo4j has (mark such tests `neo4j`)."""
    s = _neo4j_store()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A writable copy of the basic fixture bundle (the loader writes `rejected/` into it)."""
    dest = tmp_path / "bundle"
    shutil.copytree(FIXTURES / "bundle_basic", dest)
    return dest
