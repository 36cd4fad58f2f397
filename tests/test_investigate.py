"""Investigator queries, each on a tiny bundle written here and loaded with the real loader.

The LadybugDB and Neo4j texts differ in ways no parser sees (walk vs trail, `start_node`,
1-based lists), so these tests assert exact answers: which nodes, which paths, which counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graph_credit import investigate as inv
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import make_resident_id, make_uscc, person_key_from_ref
from graph_credit.model import EDGE_KINDS, NODE_KINDS
from graph_credit.queries import registry
from graph_credit.store.base import GraphStore
from loaders.load import load_bundle
from tests.conftest import SECRET

COLUMNS = {
    "enterprises.csv": ["uscc", "name", "address", "phone", "registered_capital"],
    "persons.csv": ["ref", "name", "id_number"],
    "holdings.csv": ["holder", "target", "ratio", "since", "until"],
    "roles.csv": ["person", "enterprise", "role", "since", "until"],
    "records.csv": [
        "record_id",
        "subject",
        "kind",
        "authority",
        "decision_date",
        "status",
        "responsible",
        "level",
    ],
    "guarantees.csv": ["guarantor", "debtor", "amount", "since", "until"],
}


def U(i: int) -> str:
    return make_uscc("9", "1", "230800", f"{i:08d}")


def P(ref: str) -> str:
    """The person key the loader gives a person known only by `ref`."""
    return person_key_from_ref("bundle", ref, SECRET)


def load(store: GraphStore, folder: Path, **files: list[dict]) -> None:
    """Write a bundle (every file, missing ones with only a header) and load it; nothing may be rejected."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, cols in COLUMNS.items():
        rows = files.get(name.removesuffix(".csv"), [])
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for r in rows:
                w.writerow({c: r.get(c, "") for c in cols})
    report = load_bundle(store, folder, SECRET)
    assert report.total_rejected == 0, report.rejected


def ent(i: int, name: str | None = None, **kw: str) -> dict:
    return {"uscc": U(i), "name": name or f"测试企业{i}有限公司", **kw}


def person(ref: str, name: str | None = None, **kw: str) -> dict:
    return {"ref": ref, "name": name or f"人员{ref}", **kw}


def keys(nodes) -> set[str]:  # type: ignore[no-untyped-def]
    return {n.key for n in nodes}


# ---------------------------------------------------------------------------------------------
# search
# ---------------------------------------------------------------------------------------------

RAW_ID = "11010519491231002X"


@pytest.fixture
def search_graph(store: GraphStore, tmp_path: Path) -> GraphStore:
    load(
        store,
        tmp_path / "b",
        enterprises=[
            ent(1, "甲实业"),
            ent(2, "佳木斯甲实业有限公司"),
            ent(3, "甲实业集团有限公司"),
            ent(4, "乙贸易有限公司"),
            ent(5, "哈尔滨甲实业有限公司前进分公司"),
        ],
        persons=[person("P1", "张三", id_number=RAW_ID), person("P2", "张三丰"), person("P3", "李张三")],
    )
    return store


def test_search_ranks_exact_then_prefix_then_contains(search_graph: GraphStore) -> None:
    r = inv.search(search_graph, "甲实业")
    assert [(h.key, h.match) for h in r.hits] == [
        (U(1), "exact"),
        (U(3), "prefix"),
        (U(2), "contains"),
        (U(5), "contains"),
    ]
    assert not r.has_more
    exact_only = inv.search(search_graph, "甲实业", partial=False)
    assert [h.key for h in exact_only.hits] == [U(1)]


def test_search_by_uscc_is_exact_and_accepts_lower_case(search_graph: GraphStore) -> None:
    r = inv.search(search_graph, U(4).lower())
    assert [(h.kind, h.key, h.match, h.name) for h in r.hits] == [
        ("Enterprise", U(4), "uscc", "乙贸易有限公司")
    ]


def test_search_persons_show_masked_fields_only(search_graph: GraphStore) -> None:
    r = inv.search(search_graph, "张三", kinds=["Person"])
    assert [(h.name, h.match) for h in r.hits] == [
        ("张三", "exact"),
        ("张三丰", "prefix"),
        ("李张三", "contains"),
    ]
    zhang = r.hits[0]
    assert (
        zhang.key == next(h.key for h in r.hits if h.name == "张三")
        and zhang.id_masked == "1101**********002X"
    )
    dumped = r.model_dump_json()
    assert RAW_ID not in dumped and "source_ref" not in dumped and "bundle:P1" not in dumped
    assert list(r.to_frame().columns) == list(inv.SearchHit.model_fields)


def test_search_pages_across_kinds(search_graph: GraphStore) -> None:
    everything = inv.search(search_graph, "三", limit=50).hits
    assert {h.kind for h in everything} == {"Person"}
    both = inv.search(search_graph, "实业", limit=50).hits
    pages = [inv.search(search_graph, "实业", limit=2, offset=o) for o in (0, 2, 4)]
    assert [h.key for p in pages for h in p.hits] == [h.key for h in both]
    assert [p.has_more for p in pages] == [True, False, False]
    with pytest.raises(InvalidInput):
        inv.search(search_graph, "  ")


# ---------------------------------------------------------------------------------------------
# neighbourhood
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small_graph(store: GraphStore, tmp_path: Path) -> GraphStore:
    """E1 held by P1 (also its legal rep) and holding E2, which holds E3; P2 a director of E1 until
    2019; E1 subject of record R1; E1 guarantees E4 from 2020."""
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in range(1, 5)],
        persons=[person("P1"), person("P2")],
        holdings=[
            {"holder": "P1", "target": U(1), "ratio": "60%"},
            {"holder": U(1), "target": U(2), "ratio": "0.5"},
            {"holder": U(2), "target": U(3), "ratio": "0.7"},
        ],
        roles=[
            {"person": "P1", "enterprise": U(1), "role": "legal_rep"},
            {
                "person": "P2",
                "enterprise": U(1),
                "role": "director",
                "since": "2015-01-01",
                "until": "2019-12-31",
            },
        ],
        records=[
            {
                "record_id": "R1",
                "subject": U(1),
                "kind": "admin_penalty",
                "authority": "市场监管局",
                "decision_date": "2021-03-01",
            },
        ],
        guarantees=[{"guarantor": U(1), "debtor": U(4), "amount": "100", "since": "2020-01-01"}],
    )
    return store


def test_neighbourhood_hops_and_edges(small_graph: GraphStore) -> None:
    one = inv.neighbourhood(small_graph, U(1), hops=1)
    assert keys(one.nodes) == {U(1), U(2), U(4), P("P1"), P("P2"), "R1"}
    assert {(n.key, n.depth) for n in one.nodes if n.depth == 0} == {(U(1), 0)}
    by_kind = sorted((e.kind, e.src, e.dst) for e in one.edges)
    assert ("HOLDS", P("P1"), U(1)) in by_kind and ("LEGAL_REP_OF", P("P1"), U(1)) in by_kind
    assert ("SUBJECT_OF", U(1), "R1") in by_kind and ("GUARANTEES", U(1), U(4)) in by_kind
    assert len(one.edges) == 6 and one.complete
    two = inv.neighbourhood(small_graph, U(1))
    assert {n.key: n.depth for n in two.nodes}[U(3)] == 2
    person_row = next(n for n in two.nodes if n.key == P("P1"))
    assert person_row.name == "人员P1" and person_row.kind == "Person"
    frame = two.to_frame()
    assert set(frame["key"]) == keys(two.nodes) and len(two.edges_frame()) == len(two.edges)


def test_neighbourhood_filters_by_node_kind_edge_kind_and_date(small_graph: GraphStore) -> None:
    ents = inv.neighbourhood(small_graph, U(1), node_kinds=["Enterprise"])
    assert keys(ents.nodes) == {U(1), U(2), U(3), U(4)}
    holds = inv.neighbourhood(small_graph, U(1), edge_kinds=["HOLDS"], hops=3)
    assert keys(holds.nodes) == {U(1), U(2), U(3), P("P1")}
    assert {e.kind for e in holds.edges} == {"HOLDS"}
    in_2018 = inv.neighbourhood(small_graph, U(1), hops=1, as_of=dt.date(2018, 6, 1))
    assert P("P2") in keys(in_2018.nodes) and U(4) not in keys(in_2018.nodes)  # guarantee from 2020
    in_2021 = inv.neighbourhood(small_graph, U(1), hops=1, as_of=dt.date(2021, 6, 1))
    assert P("P2") not in keys(in_2021.nodes) and U(4) in keys(in_2021.nodes)  # director until 2019
    with pytest.raises(InvalidInput):
        inv.neighbourhood(small_graph, U(1), hops=5)
    with pytest.raises(InvalidInput):
        inv.neighbourhood(small_graph, U(1), edge_kinds=["KNOWS"])
    with pytest.raises(NotFound):
        inv.neighbourhood(small_graph, U(99))


HUB_FANOUT = 400


@pytest.fixture
def hub_graph(store: GraphStore, tmp_path: Path) -> GraphStore:
    """Person H directs 400 enterprises (E1..E400); 100 of those offices ended in 2019. E1 also has
    a legal rep L who holds E401."""
    roles = [
        {
            "person": "H",
            "enterprise": U(i),
            "role": "director",
            **({"until": "2019-12-31"} if i > 300 else {}),
        }
        for i in range(1, HUB_FANOUT + 1)
    ]
    roles.append({"person": "L", "enterprise": U(1), "role": "legal_rep"})
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in range(1, HUB_FANOUT + 2)],
        persons=[person("H", "枢纽人"), person("L")],
        roles=roles,
        holdings=[{"holder": "L", "target": U(HUB_FANOUT + 1), "ratio": "10%"}],
    )
    return store


@pytest.mark.parametrize("fetch", ["whole", "sampled"])
def test_hub_is_capped_and_the_rest_counted_exactly(
    hub_graph: GraphStore, fetch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fetch == "sampled":  # above FULL_FETCH_MAX a hub is counted by group and sampled by typed queries
        monkeypatch.setattr(inv, "FULL_FETCH_MAX", 100)
    n = inv.neighbourhood(hub_graph, P("H"), hops=1, max_neighbours=50)
    assert len(n.nodes) == 51
    [t] = n.truncated
    assert (t.node.key, t.edge, t.direction, t.total, t.shown, t.not_shown) == (
        P("H"),
        "SERVES_AS",
        "out",
        HUB_FANOUT,
        50,
        HUB_FANOUT - 50,
    )
    assert (
        t.node.name == "枢纽人"
        and t.message() == "枢纽人: 350 more outgoing SERVES_AS neighbours not shown (max_neighbours)"
    )
    dated = inv.neighbourhood(hub_graph, P("H"), hops=1, max_neighbours=50, as_of=dt.date(2022, 1, 1))
    assert dated.truncated[0].total == 300 and dated.truncated[0].not_shown == 250
    # Reached from E1, the hub is capped the same way and the node cap holds for the whole answer.
    via = inv.neighbourhood(hub_graph, U(1), hops=2, max_nodes=40, max_neighbours=30)
    assert len(via.nodes) <= 40
    hub_note = next(t for t in via.truncated if t.node.key == P("H"))
    shown_from_hub = sum(1 for e in via.edges if e.src == P("H"))
    assert hub_note.total == HUB_FANOUT and hub_note.shown == shown_from_hub
    assert hub_note.not_shown == HUB_FANOUT - shown_from_hub
    assert U(HUB_FANOUT + 1) in keys(via.nodes)  # L is expanded before the hub fills the cap


def test_node_cap_counts_unexpanded_nodes(hub_graph: GraphStore) -> None:
    n = inv.neighbourhood(hub_graph, P("H"), hops=2, max_nodes=20, max_neighbours=19)
    assert len(n.nodes) == 20
    assert n.unexpanded and all(u.depth == 1 and u.degree >= 1 for u in n.unexpanded)
    assert not n.complete and any("not expanded" in line for line in n.summary())


# ---------------------------------------------------------------------------------------------
# paths
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def path_graph(store: GraphStore, tmp_path: Path) -> GraphStore:
    """E1 -HOLDS-> E2 <-LEGAL_REP_OF- P1 -SERVES_AS-> E3 -GUARANTEES-> E4 (4 hops, E1..E4);
    E1 -HOLDS-> E4 directly until 2015; hub person H directs E1, E4 and E10..E17."""
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in [1, 2, 3, 4, *range(10, 18)]],
        persons=[person("P1"), person("H", "挂名董事")],
        holdings=[
            {"holder": U(1), "target": U(2), "ratio": "0.3"},
            {"holder": U(1), "target": U(4), "ratio": "0.2", "since": "2010-01-01", "until": "2015-12-31"},
        ],
        roles=[
            {"person": "P1", "enterprise": U(2), "role": "legal_rep"},
            {"person": "P1", "enterprise": U(3), "role": "manager"},
            *({"person": "H", "enterprise": U(i), "role": "director"} for i in [1, 4, *range(10, 18)]),
        ],
        guarantees=[{"guarantor": U(3), "debtor": U(4), "amount": "50"}],
    )
    return store


def test_shortest_path_across_four_hops(path_graph: GraphStore) -> None:
    r = inv.shortest_path(path_graph, U(1), U(4), as_of=dt.date(2020, 1, 1), hub_degree=5)
    [p] = r.paths
    assert p.keys() == [U(1), U(2), P("P1"), U(3), U(4)]
    assert [e.kind for e in p.edges] == ["HOLDS", "LEGAL_REP_OF", "SERVES_AS", "GUARANTEES"]
    assert (p.edges[1].src, p.edges[1].dst) == (P("P1"), U(2))  # the edge keeps its own direction
    assert r.complete and not p.through_hubs and P("H") in {h.node.key for h in r.hubs_not_expanded}
    assert p.text().startswith("测试企业1有限公司 -[HOLDS]-> 测试企业2有限公司 <-[LEGAL_REP_OF]- 人员P1")
    assert list(r.to_frame()["edge"]) == ["HOLDS", "LEGAL_REP_OF", "SERVES_AS", "GUARANTEES"]


def test_shortest_path_respects_the_date_and_edge_kinds(path_graph: GraphStore) -> None:
    old = inv.shortest_path(path_graph, U(1), U(4), as_of=dt.date(2014, 1, 1), hub_degree=5)
    assert [p.keys() for p in old.paths] == [[U(1), U(4)]]
    no_guarantee = inv.shortest_path(
        path_graph,
        U(1),
        U(4),
        as_of=dt.date(2020, 1, 1),
        hub_degree=5,
        edge_kinds=["HOLDS", "LEGAL_REP_OF", "SERVES_AS"],
    )
    # Only the hub connects the two now: the answer goes through it and says so.
    [p] = no_guarantee.paths
    assert p.keys() == [U(1), P("H"), U(4)] and p.through_hubs == [P("H")]
    assert not no_guarantee.complete and "hub" in no_guarantee.notes[0]
    only_holds = inv.shortest_path(path_graph, U(1), U(4), as_of=dt.date(2020, 1, 1), edge_kinds=["HOLDS"])
    assert only_holds.paths == [] and only_holds.complete and only_holds.notes == ["no path within 8 hops"]
    short = inv.shortest_path(path_graph, U(1), U(4), as_of=dt.date(2020, 1, 1), max_hops=3, hub_degree=100)
    assert [p.keys() for p in short.paths] == [[U(1), P("H"), U(4)]]  # not a hub at this threshold
    with pytest.raises(InvalidInput):
        inv.shortest_path(path_graph, U(1), U(4), max_hops=9)


def test_all_paths_and_hubs(path_graph: GraphStore) -> None:
    day = dt.date(2020, 1, 1)
    plain = inv.all_paths(path_graph, U(1), U(4), max_hops=4, hub_degree=100, as_of=day)
    assert [p.keys() for p in plain.paths] == [[U(1), P("H"), U(4)], [U(1), U(2), P("P1"), U(3), U(4)]]
    assert plain.complete and not any(p.through_hubs for p in plain.paths)
    # With H a hub it is not expanded: the clean path is always there, a path through H only where
    # both of its edges were reached from ordinary nodes, flagged; the answer says a hub was left out.
    hubbed = inv.all_paths(path_graph, U(1), U(4), max_hops=4, hub_degree=5, as_of=day)
    got = {tuple(p.keys()): p.through_hubs for p in hubbed.paths}
    assert got[(U(1), U(2), P("P1"), U(3), U(4))] == []
    assert got.get((U(1), P("H"), U(4)), [P("H")]) == [P("H")] and len(got) <= 2
    assert not hubbed.complete and "not expanded" in hubbed.notes[0]
    assert [(h.node.key, h.degree) for h in hubbed.hubs_not_expanded] == [(P("H"), 10)]
    budget = inv.shortest_path(
        path_graph, U(1), U(4), as_of=dt.date(2020, 1, 1), hub_degree=5, max_expanded=2
    )
    # Two expansions reach H from both ends: the only path found goes through the hub, and the
    # answer says the search was cut short before a clean path could be found.
    assert [p.through_hubs for p in budget.paths] == [[P("H")]] and not budget.complete
    assert budget.nodes_expanded == 2 and any("budget of 2 nodes expanded" in n for n in budget.notes)


@pytest.fixture
def diamond(store: GraphStore, tmp_path: Path) -> GraphStore:
    """A -> B -> D, A -> C -> D, and B -> C: all HOLDS."""
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in range(1, 5)],
        holdings=[
            {"holder": U(a), "target": U(b), "ratio": "0.5"}
            for a, b in [(1, 2), (1, 3), (2, 4), (3, 4), (2, 3)]
        ],
    )
    return store


def test_all_paths_on_a_diamond(diamond: GraphStore) -> None:
    two = inv.all_paths(diamond, U(1), U(4), max_hops=2)
    assert sorted(p.keys() for p in two.paths) == [[U(1), U(2), U(4)], [U(1), U(3), U(4)]]
    three = inv.all_paths(diamond, U(1), U(4), max_hops=3)
    assert sorted(p.keys() for p in three.paths) == [
        [U(1), U(2), U(3), U(4)],
        [U(1), U(2), U(4)],
        [U(1), U(3), U(2), U(4)],
        [U(1), U(3), U(4)],
    ]
    assert [p.length for p in three.paths] == [2, 2, 3, 3] and three.complete  # shortest first
    # Six hops would allow walks round the B-C edge; a path never repeats a node.
    assert len(inv.all_paths(diamond, U(1), U(4), max_hops=6).paths) == 4
    capped = inv.all_paths(diamond, U(1), U(4), max_hops=3, max_paths=3)
    assert len(capped.paths) == 3 and not capped.complete
    shortest = inv.shortest_path(diamond, U(1), U(4), max_paths=10)
    assert sorted(p.keys() for p in shortest.paths) == [[U(1), U(2), U(4)], [U(1), U(3), U(4)]]


# ---------------------------------------------------------------------------------------------
# shared links
# ---------------------------------------------------------------------------------------------


def test_shared_links_of_every_kind(store: GraphStore, tmp_path: Path) -> None:
    rid = make_resident_id("230804", dt.date(1980, 5, 1), 17)
    load(
        store,
        tmp_path / "b",
        enterprises=[
            ent(1, address="佳木斯市长安路1号", phone="0454-8000001"),
            ent(2),
            ent(3),
            ent(4),
            ent(5),
            ent(6, address="佳木斯市长安路1号"),
            ent(7, phone="0454-8000001"),
            ent(8, address="别处"),
            ent(9, "控股集团"),
        ],
        persons=[person("P1", "法人甲", id_number=rid), person("P2", "董事乙"), person("P3")],
        roles=[
            {"person": "P1", "enterprise": U(1), "role": "legal_rep"},
            {"person": "P1", "enterprise": U(2), "role": "legal_rep"},
            {"person": "P2", "enterprise": U(1), "role": "director"},
            {"person": "P2", "enterprise": U(3), "role": "supervisor"},
            {"person": "P1", "enterprise": U(5), "role": "manager"},
            {"person": "P3", "enterprise": U(8), "role": "director", "until": "2010-01-01"},
            {"person": "P3", "enterprise": U(1), "role": "director", "until": "2010-01-01"},
        ],
        holdings=[
            {"holder": U(9), "target": U(1), "ratio": "0.51"},
            {"holder": U(9), "target": U(4), "ratio": "0.9"},
        ],
    )
    r = inv.shared_links(store, U(1), as_of=dt.date(2024, 1, 1))
    got = sorted((s.link, s.enterprise.key, s.via.key if s.via else s.value) for s in r.links)
    assert got == sorted(
        [
            ("legal_rep", U(2), got_key(store, "法人甲")),
            ("executive", U(3), P("P2")),
            ("shareholder", U(4), U(9)),
            ("cross_role", U(5), got_key(store, "法人甲")),
            ("address", U(6), "佳木斯市长安路1号"),
            ("phone", U(7), "0454-8000001"),
        ]
    )
    legal = next(s for s in r.links if s.link == "legal_rep")
    assert legal.via.name == "法人甲" and legal.via.id_masked == rid[:4] + "*" * 10 + rid[-4:]
    assert rid not in r.model_dump_json()
    cross = next(s for s in r.links if s.link == "cross_role")
    assert (cross.here, cross.there) == ("LEGAL_REP_OF", "SERVES_AS manager")
    assert r.truncated == []
    # Before 2010 ended P3's offices, E8 shared an executive too; the kinds filter narrows the answer.
    old = inv.shared_links(store, U(1), as_of=dt.date(2009, 1, 1), kinds=["executive"])
    assert sorted(s.enterprise.key for s in old.links) == [U(3), U(8)]
    frame = r.enterprises()
    assert set(frame["uscc"]) == {U(i) for i in (2, 3, 4, 5, 6, 7)}
    capped = inv.shared_links(
        store, U(1), as_of=dt.date(2024, 1, 1), kinds=["legal_rep", "cross_role"], per_link=1
    )
    assert len(capped.links) == 1 and capped.truncated


def got_key(store: GraphStore, name: str) -> str:
    [hit] = inv.search(store, name, kinds=["Person"], partial=False).hits
    return hit.key


# ---------------------------------------------------------------------------------------------
# cycles and guarantee chains
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def loops(store: GraphStore, tmp_path: Path) -> GraphStore:
    """HOLDS: 1->2->3->1 (a triangle), 1->4->1 (a pair: a figure eight with the triangle), 5->6->7 (a chain).
    GUARANTEES: 11->12->13->11 (a circle), 21->22->23 and 21->24 (chains), 13 -> 21."""
    holds = [
        (1, 2, "0.5"),
        (2, 3, "0.5"),
        (3, 1, "0.2"),
        (1, 4, "0.3"),
        (4, 1, "0.1"),
        (5, 6, "0.5"),
        (6, 7, "0.5"),
    ]
    guar = [(11, 12), (12, 13), (13, 11), (21, 22), (22, 23), (21, 24), (13, 21)]
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 21, 22, 23, 24]],
        holdings=[{"holder": U(a), "target": U(b), "ratio": r} for a, b, r in holds],
        guarantees=[{"guarantor": U(a), "debtor": U(b), "amount": "10"} for a, b in guar],
    )
    return store


def test_holding_cycles_repeat_no_node(loops: GraphStore) -> None:
    r = inv.circular_holdings(loops, U(1))
    assert [c.keys() for c in r.cycles] == [[U(1), U(4), U(1)], [U(1), U(2), U(3), U(1)]]
    assert r.cycles[0].share == pytest.approx(0.03) and r.cycles[1].share == pytest.approx(0.05)
    assert r.complete
    # A walk round both loops (1-2-3-1-4-1, 5 hops) is not a cycle, even with room for it.
    assert len(inv.circular_holdings(loops, U(1), max_hops=8).cycles) == 2
    assert inv.circular_holdings(loops, U(1), max_hops=2).cycles[0].keys() == [U(1), U(4), U(1)]
    assert inv.circular_holdings(loops, U(5)).cycles == []  # a chain is not a cycle
    assert inv.circular_holdings(loops, U(6)).cycles == []
    assert [c.keys() for c in inv.circular_holdings(loops, U(3)).cycles] == [[U(3), U(1), U(2), U(3)]]


def test_guarantee_circles_and_chains(loops: GraphStore) -> None:
    circle = inv.guarantee_circles(loops, U(12))
    assert [c.keys() for c in circle.cycles] == [[U(12), U(13), U(11), U(12)]]
    assert {e.kind for e in circle.cycles[0].edges} == {"GUARANTEES"}
    assert inv.guarantee_circles(loops, U(21)).cycles == []  # downstream of the circle, not on it
    down = inv.guarantee_chains(loops, U(21), direction="down")
    assert sorted(c.keys() for c in down.chains) == [[U(21), U(22), U(23)], [U(21), U(24)]]
    up = inv.guarantee_chains(loops, U(21), direction="up", max_hops=3)
    assert [c.keys() for c in up.chains] == [[U(21), U(13), U(12), U(11)]]
    assert {(n.key, n.direction, n.depth) for n in up.nodes} == {
        (U(13), "up", 1),
        (U(12), "up", 2),
        (U(11), "up", 3),
    }
    both = inv.guarantee_chains(loops, U(21))
    assert {n.direction for n in both.nodes} == {"down", "up"} and len(both.to_frame()) > 0


# ---------------------------------------------------------------------------------------------
# records within k hops
# ---------------------------------------------------------------------------------------------


def test_records_near_with_their_paths(store: GraphStore, tmp_path: Path) -> None:
    """E1 holds E2; P1 is E2's legal rep and directly responsible for R3 (on E9); E2 guarantees E3."""
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in (1, 2, 3, 9)],
        persons=[person("P1")],
        holdings=[{"holder": U(1), "target": U(2), "ratio": "0.8"}],
        roles=[{"person": "P1", "enterprise": U(2), "role": "legal_rep"}],
        guarantees=[{"guarantor": U(2), "debtor": U(3), "amount": "5"}],
        records=[
            {
                "record_id": "R1",
                "subject": U(1),
                "kind": "admin_penalty",
                "authority": "A",
                "decision_date": "2022-01-01",
            },
            {
                "record_id": "R2",
                "subject": U(2),
                "kind": "blacklist",
                "authority": "B",
                "decision_date": "2022-02-01",
            },
            {
                "record_id": "R3",
                "subject": U(9),
                "kind": "blacklist",
                "authority": "C",
                "decision_date": "2022-03-01",
                "responsible": "P1",
            },
            {
                "record_id": "R4",
                "subject": U(3),
                "kind": "judgment_debtor",
                "authority": "D",
                "decision_date": "2022-04-01",
                "status": "repaired",
            },
            {
                "record_id": "R5",
                "subject": U(9),
                "kind": "blacklist",
                "authority": "E",
                "decision_date": "2022-05-01",
            },
        ],
    )
    r = inv.records_near(store, U(1))
    got = [(x.record.record_id, x.holder.key, x.relation, x.distance) for x in r.records]
    assert got == [
        ("R1", U(1), "subject", 0),
        ("R2", U(2), "subject", 1),
        ("R3", P("P1"), "responsible", 2),
        ("R4", U(3), "subject", 2),
    ]
    r3 = next(x for x in r.records if x.record.record_id == "R3")
    assert r3.path.keys() == [U(1), U(2), P("P1"), "R3"]
    assert [e.kind for e in r3.path.edges] == ["HOLDS", "LEGAL_REP_OF", "RESPONSIBLE_FOR"]
    assert r3.record.authority == "C" and r3.record.kind == "blacklist"
    active_blacklist = inv.records_near(store, U(1), record_kinds=["blacklist"], statuses=["active"])
    assert [x.record.record_id for x in active_blacklist.records] == ["R2", "R3"]
    assert [x.record.record_id for x in inv.records_near(store, U(1), hops=1).records] == ["R1", "R2"]
    assert list(r.to_frame()["record_id"]) == ["R1", "R2", "R3", "R4"]
    with pytest.raises(InvalidInput):
        inv.records_near(store, U(1), record_kinds=["parking_ticket"])


# ---------------------------------------------------------------------------------------------
# catalogue, queries, CLI
# ---------------------------------------------------------------------------------------------


def test_catalogue_lists_every_function_and_query() -> None:
    c = inv.catalogue()
    public = {
        name
        for name, obj in vars(inv).items()
        if callable(obj)
        and not name.startswith("_")
        and getattr(obj, "__module__", "") == inv.__name__
        and not isinstance(obj, type)
    }
    assert {f.name for f in c.functions if f.module == inv.__name__} == public
    assert all(f.module in (inv.__name__, "graph_credit.ownership") for f in c.functions)
    for f in c.functions:
        assert f.purpose and not f.purpose.startswith(":"), f.name
        assert all(p.name != "store" for p in f.params)
    hood = next(f for f in c.functions if f.name == "neighbourhood")
    assert [(p.name, p.default) for p in hood.params][:3] == [
        ("subject", None),
        ("hops", "2"),
        ("node_kinds", "None"),
    ]
    names = {q.name for q in c.queries}
    assert set(registry().names()) == names
    edges = next(q for q in c.queries if q.name == "investigate/edges_enterprise")
    assert edges.engines == ["ladybug", "neo4j"] and edges.mode == "read" and "key" in edges.params
    only = inv.catalogue("investigate")
    assert only.queries and all(q.name.startswith("investigate/") for q in only.queries)
    assert len(c.to_frame()) == len(c.functions) + len(c.queries)


def test_sample_queries_cover_every_edge_of_the_model() -> None:
    """One typed sample and one typed count query per (node kind, edge kind, direction, far kind)."""
    expected = set()
    for e in EDGE_KINDS.values():
        for src, dst in e.pairs:
            expected.add(inv.sample_query_name(src, e.name, "out", dst))
            expected.add(inv.sample_query_name(dst, e.name, "in", src))
    have = {n for n in registry().names() if n.startswith("investigate/sample/")}
    assert have == expected
    for name in expected:
        q = registry().get(name, "ladybug")
        assert q.engine is None and q.used_params <= set(q.params) and "LIMIT $limit" in q.text
        count = registry().get(name.replace("/sample/", "/count/"), "ladybug")
        assert count.engine is None and count.text.split("\n")[0] == q.text.split("\n")[0]
    assert {n for n in registry().names() if n.startswith("investigate/count/")} == {
        n.replace("/sample/", "/count/") for n in expected
    }
    timed = {
        n
        for n in expected
        if any(f"_{k.lower()}_" in n for k, e in EDGE_KINDS.items() if "since" in e.properties)
    }
    assert {n for n in registry().names() if n.startswith("investigate/count_ever/")} == {
        n.replace("/sample/", "/count_ever/") for n in timed
    }
    for kind in NODE_KINDS:
        for area in ("degree", "edges", "details"):
            slug = inv.SLUG[kind]
            for engine in ("ladybug", "neo4j"):
                registry().get(f"investigate/{area}_{slug}", engine)


def test_cli_commands(small_graph: GraphStore, tmp_path: Path) -> None:
    from graph_credit.cli.investigate import register

    if small_graph.engine != "ladybug":
        pytest.skip("the CLI test opens the LadybugDB file itself")
    db = small_graph.path  # type: ignore[attr-defined]
    small_graph.close()
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def run(*args: str) -> dict:
        result = runner.invoke(app, [*args, "--db", str(db), "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert run("search", "测试企业1")["hits"][0]["key"] == U(1)
    hood = run("neighbours", U(1), "--hops", "1", "--as-of", "2018-06-01")
    assert P("P2") in {n["key"] for n in hood["nodes"]}
    assert run("path", U(3), U(1))["paths"][0]["nodes"][0]["key"] == U(3)
    assert len(run("paths", U(3), U(1), "--max-hops", "3")["paths"]) == 1
    assert run("shared-links", U(2))["links"] == []
    assert run("cycles", U(1))["cycles"] == []
    assert run("guarantee-chains", U(1), "--direction", "down")["chains"][0]["nodes"][-1]["key"] == U(4)
    assert [r["record"]["record_id"] for r in run("records-near", U(2))["records"]] == ["R1"]
    result = runner.invoke(app, ["catalogue", "--json"])  # reads cypher/ and the code, not the database
    assert result.exit_code == 0, result.output
    cat = json.loads(result.stdout)
    assert {f["name"] for f in cat["functions"]} >= {"neighbourhood", "shortest_path"}
    human = runner.invoke(app, ["neighbours", U(1), "--db", str(db)])
    assert human.exit_code == 0 and "测试企业1有限公司" in human.stdout
    for args in (
        ["search", "测试"],
        ["path", U(3), U(1)],
        ["paths", U(3), U(1)],
        ["shared-links", U(1)],
        ["cycles", U(1), "--kind", "guarantees"],
        ["guarantee-chains", U(1)],
        ["records-near", U(1)],
    ):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    assert runner.invoke(app, ["catalogue", "--area", "investigate"]).exit_code == 0
    missing = runner.invoke(app, ["neighbours", U(77), "--db", str(db)])
    assert missing.exit_code == 1 and "not found" in missing.output
    bad = runner.invoke(app, ["neighbours", U(1), "--db", str(db), "--hops", "9"])
    assert bad.exit_code == 2 and "hops" in bad.output
