"""Screening through HTTP: one check, a batch with its limit, the report; masked for the client."""

from __future__ import annotations

from graph_credit.audit import Filter
from tests.api.conftest import ACME, HOLDCO, Api


def _people(value: object) -> list[dict]:
    out = []
    if isinstance(value, dict):
        if value.get("kind") in ("Person", "person"):
            out.append(value)
        for v in value.values():
            out += _people(v)
    elif isinstance(value, list):
        for v in value:
            out += _people(v)
    return out


def test_single_check_graded_and_masked(api: Api) -> None:
    r = api.get(f"/screening/{ACME}", "screening", params={"as_of": "2024-06-30"})
    assert r.status_code == 200
    body = r.json()
    assert body["candidate"]["uscc"] == ACME and body["grade"] in "ABCD" and body["findings"]
    people = _people(body)
    assert people and all(p["id_masked"] is None for p in people)
    assert body["policy"].startswith("grading.yaml (")  # which policy, not where the server keeps it
    full = api.get(f"/screening/{ACME}", "investigator", params={"as_of": "2024-06-30"}).json()
    assert any(p["id_masked"] for p in _people(full))
    assert api.log.list(Filter(action="screen"))[0].subject == ACME
    assert api.get(f"/screening/{ACME}", "public").status_code == 403


def test_ambiguous_name_lists_candidates(api: Api) -> None:
    body = api.get("/screening/佳木斯", "screening").json()
    assert {c["key"] for c in body["candidates"]} >= {ACME, HOLDCO}
    assert api.get("/screening/佳木斯/report", "screening").status_code == 409


def test_batch_rows_in_order_with_errors(api: Api) -> None:
    r = api.post(
        "/screening/batch", "screening", json={"candidates": [ACME, "no such", HOLDCO], "as_of": "2024-06-30"}
    )
    body = r.json()
    assert [row["query"] for row in body["rows"]] == [ACME, "no such", HOLDCO]
    assert body["errors"] == 1 and body["rows"][1]["error"]
    assert api.log.count(Filter(action="screen")) == 3


def test_batch_limit(api: Api) -> None:
    r = api.post("/screening/batch", "screening", json={"candidates": [ACME] * 501})
    assert r.status_code == 413 and "at most 500" in r.json()["error"]["message"]
    assert api.post("/screening/batch", "screening", json={"candidates": []}).status_code == 422


def test_report_is_html_and_masked(api: Api) -> None:
    r = api.get(f"/screening/{ACME}/report", "screening", params={"as_of": "2024-06-30"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "佳木斯甲实业有限公司" in r.text and "1101**********002X" not in r.text
