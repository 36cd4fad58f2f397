"""Restrictions, published records, the record lifecycle, tasks and tracking through HTTP."""

from __future__ import annotations

from graph_credit.audit import Filter
from tests.api.conftest import ACME, HOLDCO, ZHANG, Api

DAY = {"as_of": "2022-06-30"}


def _active(api: Api, subject: str, day: str = "2022-06-30") -> int:
    items = api.get(f"/restrictions/{subject}", "screening", params={"as_of": day}).json()["items"]
    return sum(1 for r in items if r["state"] == "active")


def test_restrictions_reach_the_responsible_person(api: Api) -> None:
    ent = api.get(f"/restrictions/{ACME}", "screening", params=DAY).json()
    assert ent["restricted"] is True and {r["record_id"] for r in ent["items"]} == {"R1"}
    persons = api.get(f"/restrictions/{ACME}/persons", "screening", params=DAY).json()["persons"]
    assert ZHANG in {p["person_key"] for p in persons}
    assert _active(api, ZHANG) > 0
    assert _active(api, ACME, "2025-01-01") == 0  # R1 valid until 2024-05-01
    assert api.get(f"/restrictions/{ACME}", "public").status_code == 403
    assert api.get(f"/restrictions/{ACME}", None).status_code == 401
    assert api.get(f"/incentives/{HOLDCO}", "screening", params=DAY).json()["green_channel"] is True
    assert api.get(f"/monitoring/{ACME}", "screening", params=DAY).json()["monitored"] is False


def test_published_records_for_the_public_only_while_valid(api: Api) -> None:
    now = api.get(f"/published/{ACME}", None, params=DAY).json()
    assert [r["record_id"] for r in now["items"]] == ["R1"] and now["total"] == 1
    assert api.get(f"/published/{ACME}", None, params={"as_of": "2025-01-01"}).json()["total"] == 0
    codes = {m["code"] for m in api.get("/measures").json()["punishment"]}
    assert "PUBLIC_FUNDS" in codes


def test_objection_suspends_and_decision_restores_traceably(api_rw: Api) -> None:
    api = api_rw
    before = _active(api, ACME)
    body = {"on": "2022-06-01", "basis": "异议申请书 (2022) 第 1 号"}
    assert api.post("/records/R1/objection", "screening", json=body).status_code == 403
    r = api.post("/records/R1/objection", "operator", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["to_status"] == "under_objection"
    assert _active(api, ACME) == 0  # suspended while it is checked (004 §27)
    again = api.post("/records/R1/objection", "operator", json=body)
    assert again.status_code == 422 and "under_objection" in again.json()["error"]["message"]
    r = api.post(
        "/records/R1/decision", "operator", json={"upheld": False, "on": "2022-06-15", "basis": "核查属实"}
    )
    assert r.json()["to_status"] == "active"
    assert _active(api, ACME) == before
    history = api.get("/records/R1", "investigator").json()
    assert [(e["action"], e["by"]) for e in history["events"]] == [
        ("objection", "test-operator"),
        ("objection_rejected", "test-operator"),
    ]
    assert api.log.count(Filter(action="change", subject="R1")) == 3  # the refused second objection too


def test_bad_lifecycle_input_is_a_clear_4xx(api_rw: Api) -> None:
    api = api_rw
    r = api.post("/records/R1/repair", "operator", json={"on": "2022-06-01", "basis": "x"})
    assert r.status_code == 422 and "not repairable" in r.json()["error"]["message"]
    r = api.post("/records/NOPE/objection", "operator", json={"on": "2022-06-01", "basis": "x"})
    assert r.status_code == 404
    r = api.post(
        "/records/R1/objection", "operator", json={"on": "2022-06-01", "basis": "x", "by": "someone else"}
    )
    assert r.status_code == 422 and "body.by" in r.json()["error"]["message"]  # who acts is the key's holder
    r = api.post("/records/R1/decision", "operator", json={"upheld": True, "on": "2022-06-01", "basis": "x"})
    assert r.status_code == 422


def test_tasks_report_and_tracking(api_rw: Api) -> None:
    api = api_rw
    api.post("/records/R1/objection", "operator", json={"on": "2022-06-01", "basis": "x"})
    r = api.post("/records/R1/decision", "operator", json={"upheld": False, "on": "2022-06-15", "basis": "y"})
    assert r.json()["propagation"]["tasks_created"] > 2  # measures resumed: departments are told
    page = api.get("/tasks", "operator", params={"limit": 2, "as_of": "2022-07-01"}).json()
    assert len(page["items"]) == 2 and page["has_more"] is True
    task = page["items"][0]["task_id"]
    r = api.post(f"/tasks/{task}/report", "operator", json={"on": "2022-07-01", "action": "已限制"})
    assert r.status_code == 200 and r.json()["answered_by"] == "test-operator"
    again = api.post(f"/tasks/{task}/report", "operator", json={"on": "2022-07-02", "action": "again"})
    assert again.status_code == 422 and "not overwritten" in again.json()["error"]["message"]
    left = api.get("/tasks", "operator", params={"limit": 200}).json()["items"]
    assert task not in {t["task_id"] for t in left}
    rows = api.get("/tracking", "investigator", params=DAY).json()["rows"]
    assert any(r["dimension"] == "measure" for r in rows)
    assert api.get("/tasks", "investigator").status_code == 403
    r = api.post("/tasks/NOPE/report", "operator", json={"on": "2022-07-01", "action": "done"})
    assert r.status_code == 404


def test_repair_of_a_repairable_record(api_rw: Api) -> None:
    api = api_rw
    history = api.get("/records/R3", "operator").json()
    assert history["repairable"] is True and history["status"] == "active"
    r = api.post(
        "/records/R3/repair", "operator", json={"on": "2024-06-01", "basis": "信用修复申请 (2024) 第 3 号"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["to_status"] == "repaired"
    assert api.get("/records/R3", "investigator").json()["events"][-1]["action"] == "repair"
