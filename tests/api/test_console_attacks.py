"""Console queries built to hurt the server rather than to write: the server survives them all.

Issue 17, row 1: `RETURN ((((…1…))))` 3,500 deep or `[` 6,000 deep, well under the length
limit, crashed the engine's parser and the API process with it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_credit.console import MAX_NESTING, QueryTooDeep, check, nesting_depth
from tests.api.conftest import Api

ROOT = Path(__file__).resolve().parents[2]

DEEP = {
    "parentheses 3,500 deep": "RETURN " + "(" * 3500 + "1" + ")" * 3500,
    "brackets 6,000 deep": "RETURN " + "[" * 6000 + "1" + "]" * 6000,
    "braces 2,000 deep": "RETURN " + "{a:" * 2000 + "1" + "}" * 2000,
    "mixed, unclosed": "RETURN " + "([{" * 1500,
}

# The server in a process of its own, so that a crash shows as its exit status, not as ours.
_CHILD = """
import json, sys
from fastapi.testclient import TestClient
from api.app import create_app
from graph_credit.apikeys import load_keys
from graph_credit.audit import QueryLog
from graph_credit.settings import Settings
from graph_credit.store.embedded import EmbeddedStore
from tests.api.conftest import make_keys

db, log_path, queries = sys.argv[1], sys.argv[2], json.loads(sys.stdin.read())
keys, entries = make_keys()
settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=log_path)
store = EmbeddedStore(db, buffer_pool_mb=64)
app = create_app(settings, store, query_log=QueryLog(log_path), api_keys=load_keys(entries, None, development=False))
h = {"Authorization": "Bearer " + keys["investigator"], "X-Purpose": "test"}
with TestClient(app) as c:
    out = []
    for q in queries + ["MATCH (e:Enterprise) RETURN count(e)"]:
        r = c.post("/console", headers=h, json={"query": q})
        out.append([r.status_code, r.json()])
print(json.dumps(out))
"""


def test_deep_nesting_is_refused_and_the_server_survives(api_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.lbug"
    shutil.copy(api_db, db)
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), str(tmp_path / "audit.sqlite")],
        input=json.dumps(list(DEEP.values())),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    *attacks, after = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, (status, body) in zip(DEEP, attacks, strict=True):
        assert status == 422, (name, body)
        assert body["error"]["code"] == "query_too_deep"
        assert f"at most {MAX_NESTING} levels" in body["error"]["message"]
    assert after[0] == 200 and after[1]["rows"][0][0] > 0


def test_the_bare_engine_does_crash_on_the_attack(tmp_path: Path) -> None:
    """The check above guards against a real crash: without it the engine takes the process down
    (1,000 brackets crash it in seconds; the reported 6,000 take minutes of parsing first). If a
    later engine survives this, MAX_NESTING may be raised."""
    code = (
        "import ladybug, sys; db = ladybug.Database(sys.argv[1], buffer_pool_size=32 << 20);"
        "ladybug.Connection(db).execute(sys.argv[2])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "g.lbug"), "RETURN " + "[" * 1000 + "1" + "]" * 1000],
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode < 0  # killed by a signal (SIGSEGV), not an exception


def test_nesting_counts_code_only() -> None:
    inside = "(" * 100 + "[" * 100
    assert check(f"RETURN '{inside}' AS s // {inside}\n") == f"RETURN '{inside}' AS s // {inside}\n"
    assert check(f"RETURN 1 /* {inside} */ AS x")
    assert nesting_depth("RETURN [({a: 1})], [[2]]") == 3
    assert nesting_depth("RETURN 1)))) + ((2))") == 2  # stray closers do not hide later depth


def test_the_limit_is_exact(api: Api) -> None:
    ok = "RETURN " + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING + " AS x"
    r = api.post("/console", "investigator", json={"query": ok})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [[1]]
    deeper = "RETURN " + "[" * (MAX_NESTING + 1) + "1" + "]" * (MAX_NESTING + 1)
    with pytest.raises(QueryTooDeep, match=f"nest {MAX_NESTING + 1} deep"):
        check(deeper)
    r = api.post("/console", "investigator", json={"query": deeper})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "query_too_deep")
