"""The explorer's routes: the page and its assets come from the product, the JSON from graph_credit."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit import explore
from graph_credit.store.base import GraphStore
from tests.test_explore import ON, P1, P, U, outside_urls, world  # noqa: F401  # world is a fixture


@pytest.fixture
def client(world: GraphStore) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(store=world)) as c:
        yield c


def test_the_page_and_every_asset_are_served_by_the_product(client: TestClient) -> None:
    r = client.get("/explorer")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert outside_urls(r.text) == []
    srcs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert sorted(srcs) == sorted(f"/explorer/static/{n}" for n in explore.ASSETS)
    for src in srcs:
        a = client.get(src)
        assert a.status_code == 200 and len(a.content) > 100
        assert a.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")
    assert client.get("/explorer/static/secret.py").status_code == 404


def test_graph_of_a_focus_is_marked_and_masked_for_the_public(client: TestClient) -> None:
    r = client.get("/explorer/api/graph", params={"focus": U(1), "hops": 1, "as_of": ON.isoformat()})
    assert r.status_code == 200, r.text
    g = r.json()
    by_id = {n["id"]: n for n in g["nodes"]}
    assert "sanctioned" in by_id[f"Enterprise:{U(1)}"]["flags"]
    person = by_id[f"Person:{P1}"]
    assert "restricted" in person["flags"] and person["label"].endswith("张**")
    assert "1101" not in person["title"]
    assert g["role"] == "public" and g["layout"] == "physics"
    up = client.get("/explorer/api/graph", params={"focus": U(1), "view": "up"}).json()
    assert up["layout"] == "tree_up"


def test_paths_expansion_and_search(client: TestClient) -> None:
    r = client.get("/explorer/api/graph", params={"path": f"{U(3)},{U(4)}", "focus": U(4)})
    assert r.status_code == 200, r.text
    assert len(r.json()["nodes"]) == 5 and r.json()["layout"] == "path"
    r = client.get("/explorer/api/expand", params={"node": f"Enterprise:{U(4)}"})
    assert r.status_code == 200
    assert {n["id"] for n in r.json()["nodes"]} == {
        f"Enterprise:{U(4)}",
        f"Person:{P('2')}",
        "CreditRecord:R3",
    }
    hits = client.get("/explorer/api/search", params={"q": "丙建材"}).json()["hits"]
    assert [h["key"] for h in hits] == [U(3)]


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


def test_bad_requests_say_what_is_wrong(client: TestClient) -> None:
    for path, params, status in BAD:
        r = client.get(path, params=params)
        assert r.status_code == status, (path, params, r.text)
        assert r.json()["detail"]


def test_evidence_links_open_the_explorer_with_their_query(client: TestClient) -> None:
    r = client.get(f"/explorer/evidence?path={U(1)},{P1}&as_of=2024-06-01", follow_redirects=False)
    assert r.status_code == 307
    assert r.headers["location"] == f"/explorer?path={U(1)},{P1}&as_of=2024-06-01"
