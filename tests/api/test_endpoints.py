"""Every endpoint through HTTP: answers carry the domain's facts, bad input gets a clear 4xx."""

from __future__ import annotations

import time

import pytest

from tests.api.conftest import ACME, HOLDCO, ZHANG, Api

INV = "investigator"


def test_search_pages(api: Api) -> None:
    body = api.get(
        "/entities/search", INV, params={"q": "佳木斯", "kinds": ["Enterprise"], "limit": 2}
    ).json()
    assert len(body["items"]) == 2 and body["has_more"] is True and body["total"] is None
    rest = api.get(
        "/entities/search", INV, params={"q": "佳木斯", "kinds": ["Enterprise"], "offset": 2}
    ).json()
    keys = {h["key"] for h in body["items"]} | {h["key"] for h in rest["items"]}
    assert ACME in keys and HOLDCO in keys and rest["has_more"] is False


def test_entity_detail(api: Api) -> None:
    e = api.get(f"/entities/{ACME.lower()}", INV).json()
    assert (e["kind"], e["key"], e["name"]) == ("Enterprise", ACME, "佳木斯甲实业有限公司")
    assert e["degree"] > 0
    r = api.get("/entities/91350100M000100Y44", INV, params={"kind": "Enterprise"})
    assert r.status_code == 422 and "check character" in r.json()["error"]["message"]


def test_ownership(api: Api) -> None:
    up = api.get(f"/ownership/{ACME}/up", INV, params={"as_of": "2024-06-30"}).json()
    assert {e["holder"] for e in up["edges"] if e["target"] == ACME} == {ZHANG, HOLDCO}
    down = api.get(f"/ownership/{ZHANG}/down", INV).json()
    assert [e["target"] for e in down["edges"]] == [ACME]
    c = api.get(f"/ownership/{ACME}/controller", INV, params={"as_of": "2024-06-30"}).json()
    assert c["status"] == "controlled" and c["controller"]["key"] == ZHANG
    b = api.get(f"/ownership/{ACME}/beneficial-owners", INV, params={"threshold": 0.5}).json()
    assert [o["party"]["key"] for o in b["owners"]] == [ZHANG]
    o = api.get(f"/ownership/{ACME}/owners", INV).json()
    assert ZHANG in {x["party"]["key"] for x in o["owners"]}
    r = api.get(f"/ownership/{ACME}/controller", INV, params={"as_of": "2024-13-01"})
    assert r.status_code == 422 and r.json()["error"]["fields"][0]["loc"] == "query.as_of"


def test_investigate(api: Api) -> None:
    n = api.get(f"/investigate/{ACME}/neighbourhood", INV, params={"hops": 1, "edge_kinds": ["HOLDS"]}).json()
    assert {x["key"] for x in n["nodes"]} >= {ACME, ZHANG, HOLDCO}
    p = api.get("/investigate/paths/shortest", INV, params={"source": ZHANG, "target": HOLDCO}).json()
    assert p["paths"] and p["paths"][0]["nodes"][0]["key"] == ZHANG
    a = api.get(
        "/investigate/paths/all", INV, params={"source": ZHANG, "target": HOLDCO, "max_hops": 3}
    ).json()
    assert a["mode"] == "all" and len(a["paths"]) >= 1
    s = api.get(f"/investigate/{ACME}/shared-links", INV).json()
    assert s["total"] == len(s["items"]) >= 1 and s["subject"]["key"] == ACME
    for edge in ("HOLDS", "GUARANTEES"):
        cyc = api.get(f"/investigate/{ACME}/cycles", INV, params={"edge": edge})
        assert cyc.status_code == 200 and cyc.json()["edge_kind"] == edge
    g = api.get(f"/investigate/{ACME}/guarantee-chains", INV, params={"direction": "down"}).json()
    assert g["subject"]["key"] == ACME and g["direction"] == "down"
    rn = api.get(f"/investigate/{ACME}/records-near", INV, params={"limit": 1}).json()
    assert rn["total"] >= 2 and len(rn["items"]) == 1 and rn["has_more"] is True
    assert "R1" in {
        r["record"]["record_id"] for r in api.get(f"/investigate/{ACME}/records-near", INV).json()["items"]
    }
    cat = api.get("/investigate/catalogue", INV, params={"area": "investigate"}).json()
    assert {"search", "neighbourhood"} <= {f["name"] for f in cat["functions"]}


@pytest.mark.parametrize(
    ("path", "params", "fragment"),
    [
        (f"/investigate/{ACME}/neighbourhood", {"hops": 9}, "query.hops"),
        (f"/investigate/{ACME}/neighbourhood", {"edge_kinds": "KNOWS"}, "query.edge_kinds"),
        ("/investigate/paths/shortest", {"source": ACME}, "query.target"),
        ("/entities/search", {"q": ""}, "query.q"),
        ("/entities/search", {"q": "x", "limit": 1000}, "query.limit"),
    ],
)
def test_bad_input_is_a_clear_422(api: Api, path: str, params: dict, fragment: str) -> None:
    r = api.get(path, INV, params=params)
    assert r.status_code == 422
    assert fragment in r.json()["error"]["message"]


def test_unknown_subject_is_404(api: Api) -> None:
    r = api.get("/ownership/91230800MA1B2C3D8X/up", INV)
    assert r.status_code in (404, 422)
    r = api.get("/investigate/NOPE/neighbourhood", INV)
    assert r.status_code == 404 and "NOPE" in r.json()["error"]["message"]


def test_body_limit(api: Api) -> None:
    r = api.post(
        "/console", INV, content=b"{" + b" " * 2_000_000 + b"}", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_stats_and_health(api: Api) -> None:
    assert api.get("/stats", INV).json()["nodes"]["Enterprise"] == 4  # the bad-code row is rejected
    h = api.get("/health").json()
    assert {k: h[k] for k in ("status", "engine", "version", "query_log")} == {
        "status": "ok",
        "engine": "ladybug",
        "version": "0.1.0",
        "query_log": "ok",
    }
    # the server starts loading the topology index at start, in the background
    deadline = time.monotonic() + 30
    while h["topology_index"] != "fresh" and time.monotonic() < deadline:
        assert h["topology_index"] == "building", h
        time.sleep(0.05)
        h = api.get("/health").json()
    assert (h["topology_index"], h["topology_builds"]) == ("fresh", 1)
    while h["buffer_pool"] == "warming" and time.monotonic() < deadline:  # every table read once
        time.sleep(0.05)
        h = api.get("/health").json()
    assert h["buffer_pool"] == "warm"
    api.get(f"/investigate/{ACME}/neighbourhood", INV, params={"hops": 1})
    h = api.get("/health").json()
    assert (h["topology_index"], h["topology_builds"]) == ("fresh", 1)
