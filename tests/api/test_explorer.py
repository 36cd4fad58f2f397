"""The explorer's routes: the page and its assets come from the product with no key; the JSON needs
an analyst's key, is logged before it runs, and comes from graph_credit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit import explore
from graph_credit.apikeys import load_keys
from graph_credit.audit import Filter, QueryLog
from graph_credit.settings import Settings
from graph_credit.store.base import GraphStore
from tests.api.conftest import make_keys
from tests.test_explore import ON, P1, P, U, outside_urls, world  # noqa: F401  # world is a fixture


@dataclass
class Explorer:
    client: TestClient
    keys: dict[str, str]
    log: QueryLog

    def get(self, path: str, role: str | None = "investigator", purpose: str | None = "test", **kw):  # type: ignore[no-untyped-def]
        headers = {}
        if role:
            headers["X-API-Key"] = self.keys[role]
        if purpose:
            headers["X-Purpose"] = purpose
        return self.client.get(path, headers=headers, **kw)


@pytest.fixture
def ex(world: GraphStore, tmp_path: Path) -> Iterator[Explorer]:  # noqa: F811
    keys, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "audit.sqlite")
    log = QueryLog(settings.audit_db_path)
    app = create_app(settings, world, query_log=log, api_keys=load_keys(entries, None, development=False))
    with TestClient(app) as client:
        yield Explorer(client, keys, log)
    log.close()


def test_the_page_and_every_asset_are_served_by_the_product_without_a_key(ex: Explorer) -> None:
    r = ex.get("/explorer", role=None)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert outside_urls(r.text) == []
    srcs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert sorted(srcs) == sorted(f"/explorer/static/{n}" for n in explore.ASSETS)
    for src in srcs:
        a = ex.get(src, role=None)
        assert a.status_code == 200 and len(a.content) > 100
        assert a.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")
    assert ex.get("/explorer/static/secret.py", role=None).status_code == 404


def test_the_data_needs_an_analyst_and_every_query_is_logged(ex: Explorer) -> None:
    url = "/explorer/api/graph"
    params = {"focus": U(1), "hops": 1, "as_of": ON.isoformat()}
    assert ex.get(url, role=None, params=params).status_code == 401
    for role in ("public", "screening"):
        r = ex.get(url, role=role, params=params)
        assert r.status_code == 403 and "investigator" in r.json()["error"]["message"]
    r = ex.get(url, role="investigator", params=params)
    assert r.status_code == 200, r.text
    g = r.json()
    by_id = {n["id"]: n for n in g["nodes"]}
    assert "sanctioned" in by_id[f"Enterprise:{U(1)}"]["flags"]
    person = by_id[f"Person:{P1}"]
    assert "restricted" in person["flags"] and person["label"].endswith("张三丰")
    assert "1101**********002X" in person["title"], "investigators see the masked ID number"
    assert g["role"] == "investigator" and g["layout"] == "physics"
    entries = ex.log.list(Filter(subject=U(1)))
    assert [(e.role, e.endpoint, e.purpose) for e in entries] == [
        ("investigator", "GET /explorer/api/graph", "test")
    ]


def test_a_person_needs_a_stated_purpose(ex: Explorer) -> None:
    r = ex.get("/explorer/api/expand", purpose=None, params={"node": f"Person:{P1}"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "purpose_required"
    r = ex.get("/explorer/api/expand", purpose="%E6%A0%B8%E6%9F%A5 check", params={"node": f"Person:{P1}"})
    assert r.status_code == 200
    assert ex.log.list(Filter(subject=P1))[-1].purpose == "核查 check", "the page percent-encodes it"


def test_trees_paths_expansion_and_search(ex: Explorer) -> None:
    up = ex.get("/explorer/api/graph", params={"focus": U(1), "view": "up"}).json()
    assert up["layout"] == "tree_up"
    r = ex.get("/explorer/api/graph", params={"path": f"{U(3)},{U(4)}", "focus": U(4)})
    assert r.status_code == 200, r.text
    assert len(r.json()["nodes"]) == 5 and r.json()["layout"] == "path"
    own = ex.get("/explorer/api/graph", params={"path": f"{U(1)},{U(1)}", "as_of": ON.isoformat()}).json()
    assert own["layout"] == "physics" and "CreditRecord:R1" in {n["id"] for n in own["nodes"]}, (
        "its own record"
    )
    r = ex.get("/explorer/api/expand", params={"node": f"Enterprise:{U(4)}"})
    assert r.status_code == 200
    assert {n["id"] for n in r.json()["nodes"]} == {
        f"Enterprise:{U(4)}",
        f"Person:{P('2')}",
        "CreditRecord:R3",
    }
    hits = ex.get("/explorer/api/search", params={"q": "丙建材"}).json()["hits"]
    assert [h["key"] for h in hits] == [U(3)]
    assert ex.log.count(Filter(subject="search:丙建材")) == 1


BAD = [
    ("/explorer/api/graph", {}, 422),
    ("/explorer/api/graph", {"focus": "nobody"}, 404),
    ("/explorer/api/graph", {"focus": "x", "view": "sideways"}, 422),
    ("/explorer/api/graph", {"path": "onlyone"}, 422),
    ("/explorer/api/graph", {"focus": "x", "hops": 9}, 422),
    ("/explorer/api/graph", {"focus": "x", "as_of": "2024-02-30"}, 422),
    ("/explorer/api/expand", {"node": "nokind"}, 422),
    ("/explorer/api/search", {"q": ""}, 422),
]


def test_bad_requests_say_what_is_wrong(ex: Explorer) -> None:
    for path, params, status in BAD:
        r = ex.get(path, params=params)
        assert r.status_code == status, (path, params, r.text)
        assert r.json()["error"]["message"]


def test_evidence_links_open_the_explorer_with_their_query(ex: Explorer) -> None:
    r = ex.get(f"/explorer/evidence?path={U(1)},{P1}&as_of=2024-06-01", role=None, follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == f"/explorer?path={U(1)},{P1}&as_of=2024-06-01"
