"""What only the Neo4j store has: its schema made from nothing, its read-only console, the
shape of the values it returns, and the command line pointed at it by settings."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_credit.console import ConsoleRefused, run_console
from graph_credit.errors import EngineError
from graph_credit.queries import registry
from graph_credit.settings import get_settings
from graph_credit.stats import graph_stats
from graph_credit.store.base import GraphStore

pytestmark = pytest.mark.neo4j

ACME = "91350100M000100Y43"


def _schema_names() -> set[str]:
    text = registry().get("schema/create", "neo4j").text
    return set(re.findall(r"CREATE (?:TEXT )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS", text))


def test_the_schema_is_made_from_nothing_and_again_changes_nothing(neo4j_store: GraphStore) -> None:
    run = neo4j_store.run_text  # type: ignore[attr-defined]

    def ddl(text: str) -> None:
        neo4j_store._execute(text, {}, write=True)  # type: ignore[attr-defined]

    ours = _schema_names()
    assert len(ours) > 10
    for r in run("SHOW CONSTRAINTS YIELD name RETURN name"):
        if r["name"] in ours:
            ddl(f"DROP CONSTRAINT {r['name']}")
    for r in run("SHOW INDEXES YIELD name, owningConstraint RETURN name, owningConstraint"):
        if r["name"] in ours and r["owningConstraint"] is None:
            ddl(f"DROP INDEX {r['name']}")
    assert not ours & {r["name"] for r in run("SHOW INDEXES YIELD name RETURN name")}

    neo4j_store.ensure_schema()
    constraints = run("SHOW CONSTRAINTS YIELD name, type RETURN name, type")
    indexes = run("SHOW INDEXES YIELD name, state RETURN name, state")
    made = {r["name"] for r in constraints} | {r["name"] for r in indexes}
    assert ours <= made
    assert {r["type"] for r in constraints if r["name"] in ours} == {"UNIQUENESS"}
    neo4j_store.ensure_schema()
    assert {r["name"] for r in run("SHOW INDEXES YIELD name RETURN name")} == {r["name"] for r in indexes}


@pytest.fixture
def loaded(neo4j_store: GraphStore, bundle: Path) -> GraphStore:
    from loaders.load import load_bundle
    from tests.conftest import SECRET

    load_bundle(neo4j_store, bundle, SECRET)
    return neo4j_store


def test_the_console_runs_in_a_read_transaction_with_limits(loaded: GraphStore) -> None:
    before = graph_stats(loaded)
    text_of = loaded.read_only_text  # type: ignore[attr-defined]
    # the engine's own refusal, under the console's text check
    with pytest.raises(EngineError, match="read access mode"):
        text_of("CREATE (:Enterprise {uscc: 'X'})", {}, max_rows=10, timeout_ms=2000)
    with pytest.raises(EngineError, match="one statement"):
        text_of("RETURN 1; RETURN 2", {}, max_rows=10, timeout_ms=2000)
    assert graph_stats(loaded) == before

    r = run_console(loaded, "MATCH (e:Enterprise) RETURN e.uscc AS k ORDER BY k", max_rows=2)  # type: ignore[arg-type]
    assert r.columns == ["k"] and len(r.rows) == 2 and r.truncated
    with pytest.raises(ConsoleRefused, match="time limit"):
        run_console(
            loaded,  # type: ignore[arg-type]
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 123456789 RETURN count(x)",
            timeout_ms=200,
        )


def test_the_server_reads_no_files_even_in_a_read_transaction(loaded: GraphStore) -> None:
    """`LOAD CSV` is a read to Neo4j: READ access mode lets it through. The console's text check
    refuses it; the server (scripts/neo4j.sh, docker-compose.yml) refuses file URLs as well."""
    with pytest.raises(EngineError, match=r"(?i)file"):
        loaded.read_only_text(  # type: ignore[attr-defined]
            "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", {}, max_rows=1, timeout_ms=2000
        )


def test_nodes_edges_and_paths_come_back_shaped_like_ladybugs(loaded: GraphStore) -> None:
    q = (
        "MATCH p = (a:Person)-[r:HOLDS]->(e:Enterprise {uscc: $u}) "
        "RETURN a, r, p, {since: r.since, who: [a]} AS m ORDER BY a.name LIMIT 1"
    )
    (row,) = run_console(loaded, q, {"u": ACME}).rows  # type: ignore[arg-type]
    a, r, p, m = row
    assert a["_LABEL"] == "Person" and a["_ID"] and a["name"] == "张三"
    assert r["_LABEL"] == "HOLDS" and r["_SRC"] == a["_ID"] and r["ratio"] == pytest.approx(0.6)
    assert [n["_LABEL"] for n in p["_NODES"]] == ["Person", "Enterprise"] and p["_RELS"][0] == r
    assert m == {"since": "2015-01-01", "who": [a]}  # dates inside maps are converted too


@pytest.fixture
def neo4j_settings(neo4j_store: GraphStore) -> Iterator[None]:
    """The command line reads the engine from settings, as a user's shell would give them."""
    env = {"GRAPH_CREDIT_ENGINE": "neo4j", "GRAPH_CREDIT_NEO4J_URI": os.environ["NEO4J_URI"]}
    for name in ("USER", "PASSWORD", "DATABASE"):
        if f"NEO4J_{name}" in os.environ:
            env[f"GRAPH_CREDIT_NEO4J_{name}"] = os.environ[f"NEO4J_{name}"]
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()


def test_the_command_line_loads_and_answers_on_neo4j(
    neo4j_settings: None, bundle: Path, tmp_path: Path
) -> None:
    from graph_credit.cli import app

    runner = CliRunner()

    def run(*args: str) -> dict:
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert run("load", str(bundle))["nodes"]["Enterprise"]["inserted"] == 3
    assert run("load", str(bundle))["nodes"]["Enterprise"]["inserted"] == 0  # idempotent
    stats = run("stats")
    assert stats["engine"] == "neo4j" and stats["nodes"]["Person"] == 3
    assert run("controller", ACME)["controller"]["name"] == "张三"
    assert [h["key"] for h in run("search", "甲实业")["hits"]][:1] == [ACME]
    assert run("restrictions", ACME, "--as-of", "2022-01-01")["items"]
    page = tmp_path / "e.html"
    summary = run("explore", ACME, "-o", str(page), "--as-of", "2024-06-01")
    assert summary["nodes"] > 3 and page.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
