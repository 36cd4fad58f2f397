"""Every Neo4j-dialect query passes Neo4j's own Cypher parser and semantic analysis, offline.

The check runs `tools/cypher-lint` (npm `@neo4j-cypher/language-support`) under Node.js, once
for the registry and the control queries together. Without Node.js or the installed package
(`scripts/setup-node.sh`) the tests that need it are skipped with the reason; set
REQUIRE_NEO4J_LINT=1 (in CI) to make that a failure instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `tools` and `graph_credit` live at the repository root
    sys.path.insert(0, str(ROOT))

from graph_credit.queries import Query, QueryRegistry, registry  # noqa: E402
from tools.neo4j_lint import Diagnostic, errors, file_position, lint_queries, node_available  # noqa: E402

CONTROL = "__control__/"

# LadybugDB spellings (and plain mistakes) Neo4j 5 must reject: each must give an error.
MUST_FAIL = {
    "ladybug_shortest": "MATCH p = (a:Enterprise)-[* SHORTEST 1..8]-(b:Enterprise) RETURN p",
    "ladybug_list_product": "RETURN list_product([1,2])",
    "ladybug_label": "MATCH (n:Enterprise) RETURN label(n)",
    "ladybug_cast": "MATCH (n:Enterprise) RETURN cast(n.registered_capital, 'STRING')",
    "ladybug_lambda": "RETURN list_transform([1, 2], x -> x * 2)",
    "ladybug_recursive_filter": (
        "MATCH p = (a:Enterprise)-[:HOLDS*1..6 (r, n | WHERE r.ratio > 0.2)]->(b:Enterprise) RETURN p"
    ),
    "undefined_variable": "MATCH (n:Enterprise)\nRETURN m",  # the semantic analysis runs
    "cypher_25": "CYPHER 25 MATCH (n:Enterprise) RETURN n.name",
    "empty": "   ",
}

# Valid Neo4j 5 text: must give no error.
MUST_PASS = {
    "param_lookup": "MATCH (e:Enterprise {uscc: $uscc}) RETURN e.name",
    "comments": "// leading comment\nMATCH (e:Enterprise) // trailing\n/* block */ RETURN e.uscc",
    "shortest_path": (
        "MATCH (a:Enterprise {uscc: $a}), (b:Enterprise {uscc: $b}) "
        "MATCH p = shortestPath((a)-[:HOLDS|GUARANTEES*..8]-(b)) "
        "RETURN [n IN nodes(p) | n.uscc] AS keys, "
        "reduce(acc = 1.0, r IN relationships(p) | acc * r.ratio) AS ratio"
    ),
    "subquery": (
        "MATCH (e:Enterprise {uscc: $uscc}) "
        "CALL { WITH e MATCH (e)<-[:HOLDS]-(h) RETURN count(h) AS holders } "
        "RETURN e.name, holders"
    ),
    "map_projection": "MATCH (e:Enterprise) WHERE e.name CONTAINS $q RETURN e {.uscc, .name} LIMIT 10",
}


def _neo4j_queries() -> list[Query]:
    return registry().all_for("neo4j")


def _fixture_registry(root: Path) -> QueryRegistry:
    """A registry with a shared query and an engine-specific pair, as cypher/ would hold them."""
    (root / "area").mkdir()
    (root / "area" / "shared.cypher").write_text(
        "// purpose: shared text\n// params: uscc\nMATCH (e:Enterprise {uscc: $uscc})\nRETURN e.name\n"
    )
    (root / "area" / "path.ladybug.cypher").write_text(
        "// purpose: ladybug spelling\n// params: a, b\n\n"
        "MATCH (a:Enterprise {uscc: $a}), (b:Enterprise {uscc: $b})\n"
        "MATCH p = (a)-[* SHORTEST 1..8]-(b)\nRETURN p;\n"
    )
    (root / "area" / "path.neo4j.cypher").write_text(
        "// purpose: neo4j spelling\n// params: a, b\n"
        "MATCH (a:Enterprise {uscc: $a}), (b:Enterprise {uscc: $b})\n"
        "MATCH p = shortestPath((a)-[*..8]-(b))\nRETURN p;\n"
    )
    return QueryRegistry(root)


@pytest.fixture(scope="module")
def fixture_registry(tmp_path_factory: pytest.TempPathFactory) -> QueryRegistry:
    return _fixture_registry(tmp_path_factory.mktemp("cypher"))


@pytest.fixture(scope="module")
def linted(fixture_registry: QueryRegistry) -> dict[str, list[Diagnostic]]:
    """One Node.js run for the registry, the controls and the fixture registry's queries."""
    reason = node_available()
    if reason is not None:
        if os.environ.get("REQUIRE_NEO4J_LINT"):
            pytest.fail(f"offline Neo4j check required but unavailable: {reason}")
        pytest.skip(f"offline Neo4j check unavailable: {reason}")
    batch = [(q.name, q.text) for q in _neo4j_queries()]
    batch += [(CONTROL + n, t) for n, t in {**MUST_FAIL, **MUST_PASS}.items()]
    for engine in ("ladybug", "neo4j"):
        batch += [(f"{CONTROL}{engine}/{q.name}", q.text) for q in fixture_registry.all_for(engine)]
    return lint_queries(batch)


def _report(queries: list[Query], result: dict[str, list[Diagnostic]], prefix: str = "") -> str:
    lines = []
    for q in queries:
        for d in errors(result[prefix + q.name]):
            line, column = file_position(q.path, q.text, d)
            lines.append(f"{q.name} ({q.path}:{line}:{column}): {d.message}")
    return "\n".join(lines)


def test_registry_has_neo4j_queries() -> None:
    assert _neo4j_queries(), f"no Neo4j query found under {registry().root}"


def test_every_neo4j_query_passes_neo4j_checks(linted: dict[str, list[Diagnostic]]) -> None:
    queries = _neo4j_queries()
    report = _report(queries, linted)
    assert not report, f"Neo4j rejects these queries:\n{report}"


@pytest.mark.parametrize("name", sorted(MUST_FAIL))
def test_control_ladybug_or_broken_text_is_rejected(linted: dict[str, list[Diagnostic]], name: str) -> None:
    assert errors(linted[CONTROL + name]), f"{MUST_FAIL[name]!r} should not pass the Neo4j check"


def test_control_messages(linted: dict[str, list[Diagnostic]]) -> None:
    def messages(name: str) -> str:
        return "\n".join(d.message for d in errors(linted[CONTROL + name]))

    assert "Invalid input 'SHORTEST'" in messages("ladybug_shortest")
    assert "Function list_product is not present" in messages("ladybug_list_product")
    assert "Variable `m` not defined" in messages("undefined_variable")
    [d] = errors(linted[CONTROL + "undefined_variable"])
    assert (d.line, d.column) == (2, 8)


@pytest.mark.parametrize("name", sorted(MUST_PASS))
def test_control_valid_neo4j_text_passes(linted: dict[str, list[Diagnostic]], name: str) -> None:
    assert not errors(linted[CONTROL + name]), linted[CONTROL + name]


def test_variants_are_checked_and_located_in_their_files(
    linted: dict[str, list[Diagnostic]], fixture_registry: QueryRegistry
) -> None:
    neo4j = fixture_registry.all_for("neo4j")
    assert {q.path.name for q in neo4j} == {"shared.cypher", "path.neo4j.cypher"}
    assert not _report(neo4j, linted, f"{CONTROL}neo4j/")
    report = _report(fixture_registry.all_for("ladybug"), linted, f"{CONTROL}ladybug/")
    assert "area/path (" in report and "path.ladybug.cypher:5:" in report, report
    assert "area/shared" not in report, report
