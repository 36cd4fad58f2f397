"""The query log: every query about a subject is registered, kept across restarts, never altered."""

from __future__ import annotations

import csv
import io
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit.apikeys import load_keys
from graph_credit.audit import Filter, QueryLog, neutralised
from graph_credit.settings import Settings
from graph_credit.store.embedded import EmbeddedStore
from tests.api.conftest import ACME, HOLDCO, ZHANG, Api, make_keys


def test_query_is_recorded_with_who_what_and_why(api: Api) -> None:
    r = api.get(
        f"/ownership/{ACME}/controller", "investigator", headers={"X-Purpose": "%E6%8B%9B%E5%95%86 review"}
    )
    assert r.status_code == 200
    [e] = api.log.list(Filter(subject=ACME))
    assert (e.who, e.role, e.action, e.endpoint, e.purpose) == (
        "test-investigator",
        "investigator",
        "read",
        "GET /ownership/{uscc}/controller",
        "招商 review",
    )
    r = api.get(
        "/investigate/paths/shortest", "operator", params={"source": ACME, "target": HOLDCO, "purpose": "p"}
    )
    assert r.status_code == 200
    assert {e.subject for e in api.log.list(Filter(endpoint="GET /investigate/paths/shortest"))} == {
        ACME,
        HOLDCO,
    }


def test_failed_lookups_are_recorded_too(api: Api) -> None:
    assert api.get("/entities/NOPE", "investigator").status_code == 404
    assert api.log.count(Filter(subject="NOPE")) == 1


def test_person_queries_need_a_purpose(api: Api) -> None:
    r = api.client.get(f"/entities/{ZHANG}", headers={"Authorization": f"Bearer {api.keys['investigator']}"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "purpose_required"
    assert api.log.count(Filter(subject=ZHANG)) == 0  # refused before anything was read
    r = api.client.get(f"/entities/{ZHANG}", headers={"Authorization": f"Bearer {api.keys['operator']}"})
    assert r.status_code == 200
    assert api.log.list(Filter(subject=ZHANG))[0].purpose is None
    # enterprises need none
    assert api.client.get(f"/entities/{ACME}").status_code == 200


def test_list_filters_pages_and_export(api: Api) -> None:
    for _ in range(3):
        api.get(f"/entities/{ACME}", "screening")
    api.get(f"/entities/{HOLDCO}", "investigator")
    page = api.get("/audit", "operator", params={"who": "test-screening", "limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["has_more"] is True
    assert page["items"][0]["id"] > page["items"][1]["id"]  # newest first
    assert api.get("/audit", "operator", params={"since": "2999-01-01T00:00:00"}).json()["total"] == 0
    text = api.get("/audit/export.csv", "operator", params={"subject": ACME}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["who"] for r in rows] == ["test-screening"] * 3
    # reviewing the log is itself registered
    assert api.log.count(Filter(action="export")) == 1 and api.log.count(Filter(action="review")) >= 2


def test_log_is_append_only(tmp_path: Path) -> None:
    log = QueryLog(tmp_path / "a.sqlite")
    log.record(who="w", role="operator", action="read", endpoint="e", subjects=["s"], purpose=None)
    log.close()
    db = sqlite3.connect(tmp_path / "a.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE query_log SET who = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM query_log")
    assert db.execute("SELECT who FROM query_log").fetchall() == [("w",)]


def test_replace_cannot_overwrite_an_entry(tmp_path: Path) -> None:
    """REPLACE deletes the old row without firing the DELETE trigger: it must be refused too."""
    log = QueryLog(tmp_path / "a.sqlite")
    log.record(who="w", role="operator", action="read", endpoint="e", subjects=["s"], purpose=None)
    log.close()
    db = sqlite3.connect(tmp_path / "a.sqlite")
    row = "(1, 'at', 'forger', 'operator', 'read', 'e', 's', NULL, NULL)"
    for verb in ("INSERT OR REPLACE INTO", "REPLACE INTO", "INSERT OR IGNORE INTO"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(f"{verb} query_log VALUES {row}")
    assert db.execute("SELECT id, who FROM query_log").fetchall() == [(1, "w")]
    db.close()
    log = QueryLog(tmp_path / "a.sqlite")  # new entries are still written
    log.record(who="v", role="operator", action="read", endpoint="e", subjects=["t"], purpose=None)
    assert [e.who for e in log.list(Filter())] == ["v", "w"]
    log.close()


def test_export_neutralises_formulas_a_caller_planted(api: Api) -> None:
    """OWASP, CSV injection: a cell starting with = + - @ tab or CR is run by a spreadsheet."""
    planted = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1", "\r=1"]
    for purpose in [*planted, "招商 review"]:
        api.get(f"/entities/{ACME}", "screening", params={"purpose": purpose})
    text = api.get("/audit/export.csv", "operator", params={"subject": ACME}).text
    cells = [r["purpose"] for r in csv.DictReader(io.StringIO(text))]
    assert (neutralised("\t=1"), neutralised("\r=1"), neutralised(7)) == ("'\t=1", "'\r=1", 7)
    # the API strips a stated purpose, so a leading tab or CR goes before the formula is seen
    assert sorted(cells) == sorted(["招商 review", *("'" + p.strip() for p in planted)])


def test_log_survives_an_app_restart(api_db: Path, tmp_path: Path) -> None:
    keys, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "audit.sqlite")
    headers = {"Authorization": f"Bearer {keys['operator']}"}
    for n in (1, 2):
        store = EmbeddedStore(api_db, buffer_pool_mb=64)
        try:  # the app opens and closes its own query log at settings.audit_db_path
            with TestClient(create_app(settings, store)) as c:
                assert c.get(f"/entities/{ACME}", headers=headers).status_code == 200
                body = c.get("/audit", headers=headers, params={"subject": ACME}).json()
                assert body["total"] == n
        finally:
            store.close()


def test_concurrent_requests_lose_no_entries(api: Api) -> None:
    def one(i: int) -> int:
        return api.get(f"/entities/{ACME if i % 2 else HOLDCO}", "screening").status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(one, range(80))) == {200}
    assert api.log.count(Filter(who="test-screening")) == 80


def test_unwritable_log_stops_the_query(api_db: Path, tmp_path: Path) -> None:
    _, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "a.sqlite")
    log = QueryLog(settings.audit_db_path)
    store = EmbeddedStore(api_db, buffer_pool_mb=64)
    try:
        with TestClient(
            create_app(settings, store, query_log=log, api_keys=load_keys(entries, None, development=False))
        ) as c:
            log.close()
            r = c.get(f"/entities/{ACME}")
            assert r.status_code == 503 and "try again" in r.json()["error"]["message"]
    finally:
        store.close()


def test_checkpoints_run_beside_the_requests_and_keep_the_log_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from graph_credit import audit

    monkeypatch.setattr(audit, "CHECKPOINT_EVERY_S", 0.01)
    log = QueryLog(tmp_path / "q.sqlite")
    # a request's commit never copies the write-ahead log into the database (an fsync) itself
    assert log._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    for i in range(3000):
        log.record(
            who="w", role="operator", action="read", endpoint="GET /x", subjects=[f"S{i}"], purpose=None
        )
        if i % 500 == 0:
            time.sleep(0.1)  # let the checkpointer in, as the gaps between requests do
    wal = tmp_path / "q.sqlite-wal"
    # about one burst of 500 commits (9 MB); 52 MB were it never checkpointed
    assert wal.stat().st_size < 16 * 1024 * 1024
    log.close()
    again = QueryLog(tmp_path / "q.sqlite")
    assert again.count() == 3000
    again.close()
