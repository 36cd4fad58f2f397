"""The explorer in headless Chromium against the synthetic `tiny` bundle: search, expand a node by
clicking it, paths, ownership trees, evidence links, and a standalone page opened from disk.

Every page runs under the network guard: a request outside the product's own origin fails the test.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from graph_credit import explore
from graph_credit.apikeys import load_keys
from graph_credit.audit import Filter, QueryLog
from graph_credit.settings import Settings
from loaders.synthetic import EXPORT_DATE
from tests.api.conftest import make_keys

AS_OF = EXPORT_DATE.isoformat()


def _rows(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sanctioned(tiny_bundle: Path) -> dict[str, str]:
    """An enterprise on the serious-violation list on the export date, with a responsible person."""
    names = {r["uscc"]: r["name"] for r in _rows(tiny_bundle, "enterprises.csv")}
    for r in _rows(tiny_bundle, "records.csv"):
        if (
            r["kind"] == "blacklist"
            and r["status"] == "active"
            and r["responsible"]
            and r["subject"] in names
            and dt.date.fromisoformat(r["decision_date"]) <= EXPORT_DATE
            and (not r["valid_until"] or dt.date.fromisoformat(r["valid_until"]) >= EXPORT_DATE)
        ):
            return {"uscc": r["subject"], "name": names[r["subject"]], "record": r["record_id"]}
    raise AssertionError("the tiny bundle has no blacklisted enterprise with a responsible person")


def _wait_loaded(page: Any, loads: int) -> None:
    page.wait_for_function(f"window.explorer && window.explorer.state.loads >= {loads}", timeout=15_000)
    assert page.evaluate("window.explorer.state.error") is None


def _graph(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => ({
            nodes: explorer.nodes.get().map(n => ({id: n.id, label: n.label, flags: n.flags, kind: n.kind, level: n.level})),
            edges: explorer.edges.get().map(e => ({id: e.id, from: e.from, to: e.to, label: e.label})),
        })"""
    )


def _click_node(page: Any, node_id: str) -> None:
    """A real mouse click on the node's place on the canvas."""
    xy = page.evaluate(
        """(id) => {
            const net = explorer.network();
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById('graph').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""",
        node_id,
    )
    page.mouse.click(xy["x"], xy["y"])


@pytest.fixture
def query_log(tmp_path: Path) -> Any:
    log = QueryLog(tmp_path / "audit.sqlite")
    yield log
    log.close()


@pytest.fixture
def keys(page: Any, live_server: Any, tiny_store: Any, query_log: Any, tmp_path: Path) -> dict[str, str]:
    """One API key per role, and the app serving the tiny bundle at `keys["url"]`."""
    plain, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "audit.sqlite")
    app = create_app(
        settings, tiny_store, query_log=query_log, api_keys=load_keys(entries, None, development=False)
    )
    return {**plain, "url": live_server(app) + "/explorer"}


@pytest.fixture
def explorer_url(page: Any, keys: dict[str, str]) -> str:
    """The explorer, with an investigator's key and a purpose in the page's session (as typed once)."""
    page.add_init_script(
        f"sessionStorage.setItem('graph-credit-api-key', {keys['investigator']!r});"
        "sessionStorage.setItem('graph-credit-purpose', '核查');"
    )
    return keys["url"]


def test_search_shows_the_neighbourhood_with_marks_then_a_click_expands_a_node(
    page: Any,
    keys: dict[str, str],
    tiny_store: Any,
    query_log: Any,
    sanctioned: dict[str, str],
    screenshot: Any,
) -> None:
    page.goto(f"{keys['url']}?as_of={AS_OF}")
    # Without a key the data is refused, and the page says so.
    page.fill("#q", sanctioned["name"])
    page.click("#search-button")
    page.wait_for_function("explorer.state.error !== null")
    assert "API key" in page.inner_text("#status")
    screenshot("explorer-no-key")
    page.evaluate("explorer.state.error = null")
    assert page.locator("#key-box").get_attribute("open") is not None, "the key field is open to fill in"
    page.fill("#api-key", keys["investigator"])
    page.fill("#purpose", "招商核查")
    page.locator("#purpose").dispatch_event("change")
    page.locator("#api-key").dispatch_event("change")
    page.click("#search-button")
    _wait_loaded(page, 1)
    shown = _graph(page)
    want = explore.vis_data(
        explore.neighbourhood_view(tiny_store, sanctioned["uscc"], hops=2, as_of=EXPORT_DATE), "investigator"
    )
    assert {n["id"] for n in shown["nodes"]} == {n["id"] for n in want["nodes"]}
    assert len(shown["edges"]) == len(want["edges"]) > 0
    focus = next(n for n in shown["nodes"] if n["id"] == f"Enterprise:{sanctioned['uscc']}")
    assert "sanctioned" in focus["flags"] and "focus" in focus["flags"]
    assert focus["label"].startswith("⚠")
    record = next(n for n in shown["nodes"] if n["id"] == f"CreditRecord:{sanctioned['record']}")
    assert "sanctioned" in record["flags"]
    restricted = [n for n in shown["nodes"] if "restricted" in n["flags"]]
    assert restricted and all(n["kind"] == "Person" for n in restricted)
    # An investigator sees whole names; the query is in the log with its purpose.
    persons = [n for n in shown["nodes"] if n["kind"] == "Person"]
    assert persons and not any("*" in n["label"] for n in persons)
    logged = query_log.list(Filter(subject=sanctioned["uscc"]))
    assert [(e.role, e.purpose) for e in logged] == [("investigator", "招商核查")]
    assert "focus=" + sanctioned["uscc"] in page.url
    screenshot("explorer-search-neighbourhood")

    # A node on the rim whose one-step expansion brings new nodes (computed the page's way).
    before = {n["id"] for n in shown["nodes"]}
    rim = sorted(n["id"] for n in shown["nodes"] if n["level"] == 2 and n["kind"] in ("Enterprise", "Person"))
    steps = {
        nid: explore.vis_data(explore.expand_view(tiny_store, nid, as_of=EXPORT_DATE), "investigator")
        for nid in rim
    }
    node = next(nid for nid in rim if {n["id"] for n in steps[nid]["nodes"]} - before)
    _click_node(page, node)
    _wait_loaded(page, 2)
    grown = _graph(page)
    expected = before | {n["id"] for n in steps[node]["nodes"]}
    assert {n["id"] for n in grown["nodes"]} == expected
    assert {e["id"] for e in grown["edges"]} == {e["id"] for e in shown["edges"]} | {
        e["id"] for e in steps[node]["edges"]
    }
    assert page.evaluate("explorer.state.expanded") == [node]
    assert page.js_errors == []
    screenshot("explorer-expanded")


def test_path_mode_draws_the_shortest_paths_and_keeps_the_url(
    page: Any, explorer_url: str, tiny_store: Any, sanctioned: dict[str, str], screenshot: Any
) -> None:
    nb = explore.neighbourhood_view(tiny_store, sanctioned["uscc"], hops=3, as_of=EXPORT_DATE)
    far = max((n for n in nb.nodes if n.kind == "Enterprise"), key=lambda n: n.level or 0)
    page.goto(explorer_url)
    page.fill("#path-a", sanctioned["uscc"])
    page.fill("#path-b", far.key)
    page.click("#path-button")
    _wait_loaded(page, 1)
    shown = _graph(page)
    result = explore.path_view(tiny_store, sanctioned["uscc"], far.key)
    assert {n["id"] for n in shown["nodes"]} == {n.id for n in result.nodes}
    assert len(shown["edges"]) == len(result.edges) >= far.level
    ends = [n for n in shown["nodes"] if "focus" in n["flags"]]
    assert {n["id"] for n in ends} == {f"Enterprise:{sanctioned['uscc']}", far.id}
    assert f"path={sanctioned['uscc']}%2C{far.key}" in page.url
    screenshot("explorer-path")

    # A click on a step of the path opens its neighbours in the next column.
    middle = sorted(shown["nodes"], key=lambda n: n["level"])[1]
    _click_node(page, middle["id"])
    _wait_loaded(page, 2)
    grown = _graph(page)
    assert len(grown["nodes"]) > len(shown["nodes"])
    assert all(isinstance(n["level"], int) for n in grown["nodes"]), (
        "a hierarchical picture needs every level"
    )
    assert page.js_errors == []
    screenshot("explorer-path-expanded")


def test_an_evidence_link_opens_the_picture_of_the_finding(
    page: Any, explorer_url: str, tiny_store: Any, sanctioned: dict[str, str]
) -> None:
    person = next(
        n
        for n in explore.neighbourhood_view(tiny_store, sanctioned["uscc"], hops=1, as_of=EXPORT_DATE).nodes
        if "restricted" in n.flags
    )
    page.goto(f"{explorer_url}/evidence?path={sanctioned['uscc']},{person.key}&as_of={AS_OF}")
    _wait_loaded(page, 1)
    shown = _graph(page)
    ids = {n["id"] for n in shown["nodes"]}
    assert {f"Enterprise:{sanctioned['uscc']}", person.id} <= ids
    assert page.input_value("#as-of") == AS_OF
    marks = {n["id"]: n["flags"] for n in shown["nodes"]}
    assert "sanctioned" in marks[f"Enterprise:{sanctioned['uscc']}"]
    assert "restricted" in marks[person.id]


def test_ownership_view_is_a_top_down_tree(
    page: Any, explorer_url: str, tiny_store: Any, tiny_bundle: Path, screenshot: Any
) -> None:
    holdings = _rows(tiny_bundle, "holdings.csv")
    held = {}
    for h in holdings:
        if not h["until"]:
            held[h["target"]] = held.get(h["target"], 0) + 1
    # The tallest tree among the most-held enterprises: its top reaches the depth limit.
    candidates = sorted(held, key=lambda k: (-held[k], k))[:30]
    trees = {k: explore.ownership_view(tiny_store, k, "up", as_of=EXPORT_DATE) for k in candidates}
    target = max(candidates, key=lambda k: (max(n.level or 0 for n in trees[k].nodes), len(trees[k].nodes)))
    page.goto(f"{explorer_url}?focus={target}&view=up&as_of={AS_OF}")
    _wait_loaded(page, 1)
    shown = _graph(page)
    tree = trees[target]
    assert len(shown["nodes"]) == len(tree.nodes) > 2
    level = {n["id"]: n["level"] for n in shown["nodes"]}
    # Holders sit above what they hold: each holder has a holding on a lower level (the one it
    # was reached through; a cross-holding may also point back up).
    subject = f"Enterprise:{target}"
    assert level[subject] == max(level.values())
    for nid in set(level) - {subject}:
        assert any(level[e["to"]] > level[nid] for e in shown["edges"] if e["from"] == nid), nid
    assert any("%" in e["label"] for e in shown["edges"])
    ys = page.evaluate(
        "() => { const p = explorer.network().getPositions(); return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.y])); }"
    )
    assert ys[f"Enterprise:{target}"] == max(ys.values()), "the subject is drawn at the bottom"
    screenshot("explorer-ownership-up")

    # Clicking a holder at the top fetches its own holders, one level further up.
    top = min(level.values())
    before = {n["id"] for n in shown["nodes"]}
    for nid in sorted(n for n in level if level[n] == top and n.startswith("Enterprise:")):
        step = explore.expand_view(tiny_store, nid, "up", as_of=EXPORT_DATE)
        if {n.id for n in step.nodes} - before:
            break
    else:
        pytest.skip("no holder at the top of this tree has holders of its own in the tiny bundle")
    _click_node(page, nid)
    _wait_loaded(page, 2)
    grown = {n["id"]: n["level"] for n in _graph(page)["nodes"]}
    assert set(grown) == before | {n.id for n in step.nodes}
    assert all(grown[n] == top - 1 for n in set(grown) - before)


def test_standalone_page_works_from_disk_with_nothing_from_outside(
    page: Any, local_file: Any, tiny_store: Any, sanctioned: dict[str, str], tmp_path: Path, screenshot: Any
) -> None:
    sg = explore.neighbourhood_view(tiny_store, sanctioned["uscc"], hops=2, as_of=EXPORT_DATE)
    out = tmp_path / "explore.html"
    out.write_text(explore.render_page(sg, role="investigator"), encoding="utf-8")
    page.goto(local_file(out))
    _wait_loaded(page, 1)
    shown = _graph(page)
    assert len(shown["nodes"]) == len(sg.nodes)
    assert len(shown["edges"]) == len(sg.edges)
    assert page.evaluate("explorer.state.settleMs") is not None
    assert page.locator("#legend li").count() >= 10
    assert page.js_errors == []
    screenshot("explorer-standalone")
