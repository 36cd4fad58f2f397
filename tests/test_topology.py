"""The topology index gives the same answers as the per-node engine queries, and notices writes.

Each investigator question is asked twice on the same small graph: once walking the index, once with
the index switched off (one indexed engine query per node); the answers must be equal field for
field, including `as_of`, edge-kind filters and a hub under a cap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_credit import investigate as inv
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore
from graph_credit.topology import build_index, cache_path, drop_index, file_stamp, index_for
from tests import test_investigate as ti
from tests.test_investigate import P, U, ent, load, person

# The investigator tests' graphs, used here as they are.
small_graph = ti.small_graph
hub_graph = ti.hub_graph
path_graph = ti.path_graph
loops = ti.loops


def _both(store: GraphStore, ask: Callable[[GraphStore], Any]) -> tuple[Any, Any]:
    if store.engine != "ladybug":
        pytest.skip("the topology index is kept for LadybugDB stores")
    assert store.use_topology_index  # type: ignore[attr-defined]
    with_index = ask(store)
    assert index_for(store) is not None
    store.use_topology_index = False  # type: ignore[attr-defined]
    try:
        assert index_for(store) is None
        engine = ask(store)
    finally:
        store.use_topology_index = True  # type: ignore[attr-defined]
    return with_index, engine


def _same(store: GraphStore, ask: Callable[[GraphStore], Any]) -> Any:
    with_index, engine = _both(store, ask)
    assert with_index.model_dump() == engine.model_dump()
    return with_index


DAY = dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    "ask",
    [
        lambda s: inv.neighbourhood(s, U(1)),
        lambda s: inv.neighbourhood(s, U(1), hops=1, as_of=dt.date(2018, 6, 1)),
        lambda s: inv.neighbourhood(s, U(1), hops=1, as_of=dt.date(2021, 6, 1)),
        lambda s: inv.neighbourhood(s, U(1), edge_kinds=["HOLDS"], hops=3),
        lambda s: inv.neighbourhood(s, U(1), node_kinds=["Enterprise"]),
        lambda s: inv.records_near(s, U(3), hops=3),
        lambda s: inv.guarantee_chains(s, U(1)),
        lambda s: inv.shortest_path(s, U(3), U(4)),
        lambda s: inv.all_paths(s, U(3), P("P2"), max_hops=4),
    ],
    ids=[
        "2-hop",
        "as-of-2018",
        "as-of-2021",
        "holds-only",
        "enterprises-only",
        "records",
        "chains",
        "path",
        "paths",
    ],
)
def test_small_graph_answers_agree(small_graph: GraphStore, ask: Callable[[GraphStore], Any]) -> None:
    _same(small_graph, ask)


@pytest.mark.parametrize(
    "ask",
    [
        lambda s: inv.shortest_path(s, U(1), U(4), as_of=DAY, hub_degree=5),
        lambda s: inv.shortest_path(s, U(1), U(4), as_of=dt.date(2014, 1, 1), hub_degree=5),
        lambda s: inv.shortest_path(
            s, U(1), U(4), as_of=DAY, hub_degree=5, edge_kinds=["HOLDS", "LEGAL_REP_OF", "SERVES_AS"]
        ),
        lambda s: inv.shortest_path(s, U(1), U(4), as_of=DAY, edge_kinds=["HOLDS"]),
        lambda s: inv.shortest_path(s, U(1), U(4), as_of=DAY, hub_degree=5, max_expanded=2),
        lambda s: inv.all_paths(s, U(1), U(4), max_hops=4, hub_degree=100, as_of=DAY),
        lambda s: inv.all_paths(s, U(1), U(4), max_hops=4, hub_degree=5, as_of=DAY),
        lambda s: inv.all_paths(s, U(1), U(4), max_hops=5),
    ],
    ids=["hubs", "as-of-2014", "edge-kinds", "holds-only", "budget", "all", "all-hubs", "all-any-date"],
)
def test_path_answers_agree(path_graph: GraphStore, ask: Callable[[GraphStore], Any]) -> None:
    _same(path_graph, ask)


def test_cycle_and_chain_answers_agree(loops: GraphStore) -> None:
    for ask in (
        lambda s: inv.circular_holdings(s, U(1), max_hops=8),
        lambda s: inv.circular_holdings(s, U(3)),
        lambda s: inv.guarantee_circles(s, U(12)),
        lambda s: inv.guarantee_chains(s, U(21), direction="up", max_hops=3),
    ):
        _same(loops, ask)
    r = inv.circular_holdings(loops, U(1))
    assert r.cycles[0].share == pytest.approx(0.03)  # ratios come from the index, unrounded


@pytest.mark.parametrize("fetch", ["whole", "sampled"])
def test_hub_under_a_cap_agrees(hub_graph: GraphStore, fetch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fetch == "sampled":  # above FULL_FETCH_MAX the engine samples: which edges may differ, not counts
        monkeypatch.setattr(inv, "FULL_FETCH_MAX", 100)
    calls = [
        lambda s: inv.neighbourhood(s, P("H"), hops=1, max_neighbours=50),
        lambda s: inv.neighbourhood(s, P("H"), hops=1, max_neighbours=50, as_of=dt.date(2022, 1, 1)),
        lambda s: inv.neighbourhood(s, U(1), hops=2, max_nodes=40, max_neighbours=30),
        lambda s: inv.neighbourhood(s, P("H"), hops=2, max_nodes=20, max_neighbours=19),
    ]
    for ask in calls:
        if fetch == "whole":
            _same(hub_graph, ask)
            continue
        a, b = _both(hub_graph, ask)
        assert len(a.nodes) == len(b.nodes) and len(a.edges) == len(b.edges)
        assert [(t.node.key, t.edge, t.direction, t.total, t.shown) for t in a.truncated] == [
            (t.node.key, t.edge, t.direction, t.total, t.shown) for t in b.truncated
        ]
        assert [(u.node.key, u.degree) for u in a.unexpanded] == [
            (u.node.key, u.degree) for u in b.unexpanded
        ] or (len(a.unexpanded) == len(b.unexpanded))


def test_shared_links_agree(store: GraphStore, tmp_path: Path) -> None:
    load(
        store,
        tmp_path / "b",
        enterprises=[ent(i) for i in range(1, 6)],
        persons=[person("P1"), person("P2")],
        roles=[
            {"person": "P1", "enterprise": U(1), "role": "legal_rep"},
            {"person": "P1", "enterprise": U(2), "role": "legal_rep"},
            {"person": "P1", "enterprise": U(3), "role": "manager"},
            {"person": "P2", "enterprise": U(1), "role": "director", "until": "2010-01-01"},
            {"person": "P2", "enterprise": U(4), "role": "director"},
        ],
        holdings=[
            {"holder": U(5), "target": U(1), "ratio": "0.6"},
            {"holder": U(5), "target": U(2), "ratio": "0.4"},
        ],
    )
    _same(store, lambda s: inv.shared_links(s, U(1)))
    _same(store, lambda s: inv.shared_links(s, U(1), as_of=dt.date(2024, 1, 1)))
    _same(store, lambda s: inv.shared_links(s, U(1), per_link=1))


# ---------------------------------------------------------------------------------------------
# the index itself, staleness, persistence
# ---------------------------------------------------------------------------------------------


def test_index_holds_the_graph(small_graph: GraphStore) -> None:
    if small_graph.engine != "ladybug":
        pytest.skip("the topology index is kept for LadybugDB stores")
    ix = build_index(small_graph)
    e1 = ix.gid("Enterprise", U(1))
    assert e1 is not None and ix.node(e1) == ("Enterprise", U(1)) and ix.gid("Enterprise", U(99)) is None
    assert (
        ix.degree(e1) == 6
    )  # P1 holds and represents it, P2 directed it; it holds E2, has R1, guarantees E4
    everything = ix.edge_mask(ix.edge_kinds)
    edges, far, _ = ix.incident(e1, edge_mask=everything)
    assert len(edges) == 6
    day = (dt.date(2021, 6, 1) - dt.date(1970, 1, 1)).days
    edges, far, _ = ix.incident(e1, edge_mask=everything, valid_from=day, valid_to=day)
    assert ("Person", P("P2")) not in ix.nodes(far) and ("Enterprise", U(4)) in ix.nodes(far)
    holds = [int(e) for e in ix.incident(e1, edge_mask=ix.edge_mask(["HOLDS"]), direction="out")[0]]
    assert [(ix.eid(e), ix.value(e), ix.role(e)) for e in holds] == [(f"H|{U(1)}|{U(2)}|", 0.5, None)]
    legal = ix.incident(e1, edge_mask=ix.edge_mask(["LEGAL_REP_OF"]))[0]
    assert [ix.role(int(e)) for e in legal] == ["legal_rep"]
    assert ix.nbytes() > 0 and ix.n_edges == 7
    # Display fields equal the engine's, node for node (the person's masked ID included).
    for kind in ix.node_kinds:
        slug = inv.SLUG[kind]
        for gid in range(
            int(ix.base[ix.node_kinds.index(kind)]), int(ix.base[ix.node_kinds.index(kind) + 1])
        ):
            _, key = ix.node(gid)
            [row] = small_graph.read(f"investigate/details_{slug}", keys=[key])
            want = (row.get("name"), row.get("status"), row.get("subkind"), row.get("id_masked"))
            assert ix.display(gid) == want, (kind, key)


def test_a_write_makes_the_index_stale_and_the_next_answer_sees_it(
    small_graph: GraphStore,
    tmp_path: Path,
) -> None:
    if small_graph.engine != "ladybug":
        pytest.skip("the topology index is kept for LadybugDB stores")
    before = inv.shortest_path(small_graph, U(3), U(4), edge_kinds=["HOLDS"])
    assert before.paths == []
    first = index_for(small_graph)
    assert first is not None and index_for(small_graph) is first  # unchanged database: kept
    load(
        small_graph,
        tmp_path / "more",
        enterprises=[ent(4)],
        holdings=[{"holder": U(4), "target": U(3), "ratio": "0.1", "since": "2022-01-01"}],
    )
    after = inv.shortest_path(small_graph, U(3), U(4), edge_kinds=["HOLDS"])
    assert [p.keys() for p in after.paths] == [[U(3), U(4)]] and after.paths[0].edges[0].ratio == 0.1
    assert index_for(small_graph) is not first
    old = inv.shortest_path(small_graph, U(3), U(4), edge_kinds=["HOLDS"], as_of=dt.date(2021, 1, 1))
    assert old.paths == []  # the new holding's period is in the index too


def test_the_index_is_persisted_and_reused_only_for_the_same_database_state(tmp_path: Path) -> None:
    db = tmp_path / "g.lbug"
    rw = EmbeddedStore(db, buffer_pool_mb=128)
    load(
        rw,
        tmp_path / "b",
        enterprises=[ent(1), ent(2)],
        holdings=[{"holder": U(1), "target": U(2), "ratio": "1"}],
    )
    rw.close()
    ro = EmbeddedStore(db, buffer_pool_mb=128, read_only=True)
    assert [p.keys() for p in inv.shortest_path(ro, U(1), U(2)).paths] == [[U(1), U(2)]]
    assert cache_path(ro).exists() and not ro._topology_holder.loaded_from_disk  # type: ignore[attr-defined]
    ro.close()
    ro = EmbeddedStore(db, buffer_pool_mb=128, read_only=True)
    drop_index(ro)
    assert index_for(ro) is not None and ro._topology_holder.loaded_from_disk  # type: ignore[attr-defined]
    ro.close()
    stamp = file_stamp(db)
    rw = EmbeddedStore(db, buffer_pool_mb=128)
    load(
        rw,
        tmp_path / "c",
        enterprises=[ent(1), ent(2), ent(3)],
        holdings=[{"holder": U(2), "target": U(3), "ratio": "1"}],
    )
    rw.close()
    assert file_stamp(db) != stamp
    ro = EmbeddedStore(db, buffer_pool_mb=128, read_only=True)
    assert [p.keys() for p in inv.shortest_path(ro, U(1), U(3)).paths] == [[U(1), U(2), U(3)]]
    assert not ro._topology_holder.loaded_from_disk  # type: ignore[attr-defined]  (rebuilt)
    ro.close()


def test_the_index_lives_where_settings_say(tmp_path: Path) -> None:
    elsewhere = tmp_path / "cache"
    s = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128, topology_dir=elsewhere)
    s.ensure_schema()
    assert index_for(s) is not None and cache_path(s).parent == elsewhere and cache_path(s).exists()
    s.close()
    off = EmbeddedStore(tmp_path / "h.lbug", buffer_pool_mb=128, use_topology_index=False)
    assert index_for(off) is None
    off.close()


def test_cli_builds_then_loads_the_index(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from graph_credit.cli import app

    db = tmp_path / "g.lbug"
    rw = EmbeddedStore(db, buffer_pool_mb=128)
    load(
        rw,
        tmp_path / "b",
        enterprises=[ent(1), ent(2)],
        holdings=[{"holder": U(1), "target": U(2), "ratio": "1"}],
    )
    rw.close()
    runner = CliRunner()

    def run(*args: str) -> dict:
        result = runner.invoke(app, ["topology", "--db", str(db), "--json", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    first = run()
    assert (first["nodes"], first["edges"], first["loaded"]) == (2, 1, False)
    assert run()["loaded"] is True  # the next process finds it beside the database
    assert run("--rebuild")["loaded"] is False
    human = runner.invoke(app, ["topology", "--db", str(db)])
    assert human.exit_code == 0 and "1 edges" in human.stdout


def test_a_slow_rebuild_runs_in_the_background_and_the_engine_answers_meanwhile(
    small_graph: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph_credit.topology import cache

    if small_graph.engine != "ladybug":
        pytest.skip("the topology index is kept for LadybugDB stores")
    first = index_for(small_graph)
    assert first is not None
    monkeypatch.setattr(cache, "BACKGROUND_AFTER_S", -1.0)  # every rebuild counts as slow
    load(
        small_graph,
        tmp_path / "more",
        enterprises=[ent(4)],
        holdings=[{"holder": U(4), "target": U(3), "ratio": "0.1"}],
    )
    assert index_for(small_graph) is None or index_for(small_graph) is not first  # None while it builds
    answer = inv.shortest_path(small_graph, U(3), U(4), edge_kinds=["HOLDS"])  # index or engine: same answer
    assert [p.keys() for p in answer.paths] == [[U(3), U(4)]]
    small_graph._topology_holder.building.join(timeout=30)  # type: ignore[attr-defined]
    fresh = index_for(small_graph)
    assert fresh is not None and fresh is not first and fresh.gid("Enterprise", U(4)) is not None


def test_an_engine_answering_with_keys_builds_the_same_index(small_graph: GraphStore) -> None:
    """Neo4j's texts return business keys as ids (LadybugDB's return offsets): run those shared texts
    on LadybugDB and the index must hold the same graph."""
    if small_graph.engine != "ladybug":
        pytest.skip("runs the shared texts on LadybugDB")
    from graph_credit.queries import registry

    class SharedTexts:
        engine = "neo4j"

        def read(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
            text = registry()._generic[name].text  # the text both engines accept, not the variant
            return small_graph.run_text(text, params)  # type: ignore[attr-defined]

    by_offsets, by_keys = build_index(small_graph), build_index(SharedTexts())
    assert by_keys.n_nodes == by_offsets.n_nodes and by_keys.n_edges == by_offsets.n_edges

    def edges(ix: Any) -> set[tuple[Any, ...]]:
        return {
            (
                ix.edge_kinds[int(ix.e_kind[e])],
                ix.node(int(ix.e_src[e])),
                ix.node(int(ix.e_dst[e])),
                ix.edge_period(e),
                ix.eid(e),
                ix.role(e),
                ix.value(e),
            )
            for e in range(ix.n_edges)
        }

    assert edges(by_keys) == edges(by_offsets)
    for kind in by_offsets.node_kinds:
        for key in by_offsets.keys[kind]:
            a, b = by_offsets.gid(kind, key.decode()), by_keys.gid(kind, key.decode())
            assert a is not None and b is not None
            assert by_offsets.display(a) == by_keys.display(b) and by_offsets.degree(a) == by_keys.degree(b)
