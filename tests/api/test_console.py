"""The Cypher console refuses every attempt to write or escape, and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_credit.console import ConsoleRefused, check, run_console
from graph_credit.stats import graph_stats
from graph_credit.store.embedded import EmbeddedStore
from tests.api.conftest import ACME, Api

ATTEMPTS = {
    "create": "CREATE (:Enterprise {uscc: 'X'})",
    "merge": "MERGE (e:Enterprise {uscc: 'X'}) RETURN e",
    "match then create": "MATCH (e:Enterprise) CREATE (:Enterprise {uscc: 'Y'})",
    "set": "MATCH (e:Enterprise) SET e.name = 'x' RETURN e",
    "delete": "MATCH (e:Enterprise) DETACH DELETE e",
    "remove": "MATCH (e:Enterprise) REMOVE e.name",
    "ddl": "MATCH (e) WITH e LIMIT 1 DROP TABLE Enterprise",
    "copy to": "MATCH (e:Enterprise) WITH e LIMIT 1 COPY (MATCH (n) RETURN n) TO '/tmp/leak.csv'",
    "copy from": "COPY Enterprise FROM '/tmp/x.csv'",
    "load from server file": "LOAD FROM '/etc/passwd' RETURN *",
    "load from after match": "MATCH (e) WITH e LIMIT 1 LOAD FROM '/etc/passwd' (header=false) RETURN *",
    "load csv (neo4j)": "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "install": "INSTALL httpfs",
    "load extension": "LOAD EXTENSION httpfs",
    "attach": "ATTACH '/tmp/other.lbug' AS o (dbtype lbug)",
    "procedure": "CALL show_tables() RETURN *",
    "procedure after match": "MATCH (n) CALL db.labels() YIELD label RETURN label",
    "setting": "CALL timeout=0",
    "export": "EXPORT DATABASE '/tmp/dump'",
    "import": "IMPORT DATABASE '/tmp/dump'",
    "commit": "COMMIT",
    "begin": "BEGIN TRANSACTION",
    "two statements": "MATCH (n) RETURN count(n); CREATE (:Enterprise {uscc: 'Z'})",
    "two reads": "RETURN 1; RETURN 2",
    "comment hiding a statement end": "RETURN 1 /* harmless */; MATCH (e) DETACH DELETE e",
    "line comment then write": "RETURN 1 // comment\nCREATE (:Enterprise {uscc: 'W'})",
    "keyword split by a comment": "MATCH (e) CRE/**/ATE (:Enterprise {uscc: 'V'})",
    "unterminated comment": "MATCH (n) RETURN n /* CREATE",
    "backslash escape": "RETURN 'a\\' CREATE (:Enterprise {uscc: \\'U\\'}) //'",
    "fullwidth letters": "ＣＲＥＡＴＥ (:Enterprise {uscc: 'T'})",
    "zero-width space": "MATCH (n) RETURN n; C\u200bREATE (:Enterprise {uscc: 'S'})",
    "cyrillic lookalike": "MATCH (n) RETURN n.nаme",
    "use database": "USE other MATCH (n) RETURN n",
    "foreach": "MATCH (n) FOREACH (x IN [1] | SET n.name = 'q')",
    "lowercase": "match (e:Enterprise) set e.name = 'x'",
    "empty": "   // nothing\n",
    "checkpoint": "CHECKPOINT",
}


@pytest.mark.parametrize("text", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_attempt_is_refused_and_nothing_changes(api: Api, text: str) -> None:
    before = graph_stats(api.store)
    r = api.post("/console", "investigator", json={"query": text})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "console_refused"
    assert r.json()["error"]["message"]
    assert graph_stats(api.store) == before
    assert not Path("/tmp/leak.csv").exists()


def test_strings_and_comments_may_hold_any_word(api: Api) -> None:
    text = "MATCH (e:Enterprise) // CREATE in a comment\nWHERE e.name <> 'CREATE; DELETE' RETURN e.uscc AS k ORDER BY k;"
    r = api.post("/console", "investigator", json={"query": text})
    assert r.status_code == 200, r.text
    assert [row[0] for row in r.json()["rows"] if row[0] == ACME] == [ACME]


def test_parameters_row_limit_and_roles(api: Api) -> None:
    q = {
        "query": "MATCH (e:Enterprise) WHERE e.uscc <> $other RETURN e.uscc",
        "params": {"other": "x"},
        "max_rows": 2,
    }
    r = api.post("/console", "investigator", json=q)
    assert r.status_code == 200
    body = r.json()
    assert body["columns"] == ["e.uscc"] and len(body["rows"]) == 2 and body["truncated"] is True
    assert api.post("/console", "screening", json=q).status_code == 403
    assert api.post("/console", None, json=q).status_code == 401
    assert api.post("/console", "operator", json=q).status_code == 200


def test_engine_refuses_writes_even_past_the_text_check(tmp_path: Path) -> None:
    """The read-only transaction alone stops a write that the lexical check would not see."""
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=64)
    store.ensure_schema()
    try:
        with pytest.raises(Exception, match="read-only"):
            store.read_only_text("CREATE (:Enterprise {uscc: 'X'})", {}, max_rows=10, timeout_ms=1000)
        with pytest.raises(Exception, match="multiple statements"):
            store.read_only_text("RETURN 1; RETURN 2", {}, max_rows=10, timeout_ms=1000)
        assert store.run_text("MATCH (e:Enterprise) RETURN count(e) AS n")[0]["n"] == 0
        # the connection is usable afterwards, and its transaction is closed
        assert store.read_only_text("RETURN 1 AS x", {}, max_rows=10, timeout_ms=1000)[1] == [[1]]
    finally:
        store.close()


def test_time_limit(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=64)
    try:
        with pytest.raises(ConsoleRefused, match="time limit"):
            run_console(
                store,
                "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 123456789 RETURN count(x)",
                timeout_ms=100,
            )
    finally:
        store.close()


def test_check_keeps_the_statement_text() -> None:
    assert check("RETURN 'a;b' AS x;  ") == "RETURN 'a;b' AS x"
