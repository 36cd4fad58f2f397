"""Ownership: known answers from worked examples, each a tiny bundle loaded into each engine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from graph_credit import ownership
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import make_uscc
from graph_credit.ownership import (
    actual_controller,
    beneficial_owners,
    effective_owners,
    ownership_down,
    ownership_up,
)
from graph_credit.ownership.integrate import integrated_column, topological_order
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path / "bundle")


def share_of(result: ownership.EffectiveOwnership, key: str) -> float | None:
    return result.owner(key).share


# ---------------------------------------------------------------------------------------------
# worked examples


def test_a_chain_multiplies_and_derived_shares_are_marked(store: GraphStore, world: World) -> None:
    """P holds 60% of B, which holds 50% of A (derived: 500 of A's 1,000 registered): P has 30%."""
    world.person("P")
    world.ent("A", registered_capital="1000")
    world.ent("B")
    world.hold("P", "B", "60%")
    world.hold("B", "A", subscribed_capital="500")
    world.load(store)
    eff = effective_owners(store, world.key("A"), as_of=D)
    assert share_of(eff, world.key("P")) == pytest.approx(0.30)
    assert share_of(eff, world.key("B")) == pytest.approx(0.50)
    p = eff.owner(world.key("P"))
    assert p.ultimate and p.direct == 0.0 and p.via_cycles == 0.0
    [path] = p.paths
    assert path.keys == [world.key("P"), world.key("B"), world.key("A")]
    assert path.shares == [pytest.approx(0.6), pytest.approx(0.5)]
    assert path.contribution == pytest.approx(0.30)
    assert path.ratio_derived and p.ratio_derived  # the 50% step came from subscribed capital
    assert [e.ratio_derived for e in path.edges] == [False, True]
    assert path.edges[1].subscribed_capital == pytest.approx(500)
    assert "-60.00%->" in path.describe()
    assert not eff.issues and not eff.truncated

    bo = beneficial_owners(store, world.key("A"), as_of=D)
    assert [(b.party.key, b.kind) for b in bo.owners] == [(world.key("P"), "natural_person")]
    assert bo.owners[0].share == pytest.approx(0.30) and bo.owners[0].ratio_derived

    frame = eff.to_frame()
    assert list(frame["key"]) == [world.key("B"), world.key("P")]
    assert frame.loc[frame["key"] == world.key("P"), "share"].item() == pytest.approx(0.3)
    assert "contribution" in eff.paths_frame().columns


def test_two_routes_add_up(store: GraphStore, world: World) -> None:
    """40% through B (80% x 50%) and 20% through C (40% x 50%) give P 60% of A."""
    world.person("P")
    world.person("R")
    for name in ("A", "B", "C"):
        world.ent(name)
    world.hold("P", "B", "80%")
    world.hold("R", "B", "20%")
    world.hold("P", "C", "40%")
    world.hold("R", "C", "60%")
    world.hold("B", "A", "50%")
    world.hold("C", "A", "50%")
    world.load(store)
    eff = effective_owners(store, world.key("A"), as_of=D)
    p = eff.owner(world.key("P"))
    assert p.share == pytest.approx(0.60)
    assert [round(x.contribution, 6) for x in p.paths] == [0.4, 0.2]  # largest first
    assert share_of(eff, world.key("R")) == pytest.approx(0.40)  # 20% x 50% + 60% x 50%
    # P controls B (80%), so B's 50% of A counts for P: exactly 50%, not a majority.
    ctl = actual_controller(store, world.key("A"), as_of=D)
    assert ctl.status == "no_controller"
    # R controls C (60%) in the same way: two groups of 50%, each named by its top.
    groups = {(h.party.key, round(h.votes, 6), tuple(v.key for v in h.via)) for h in ctl.largest_holders}
    assert groups == {(world.key("P"), 0.5, (world.key("B"),)), (world.key("R"), 0.5, (world.key("C"),))}


def test_state_body_through_a_company_owns_all_and_controls(store: GraphStore, world: World) -> None:
    """A ministry owns 100% of C, which holds 76.5% of T; the ministry holds the other 23.5%."""
    world.ent("M", org_type="government")
    world.ent("C")
    world.ent("T")
    world.hold("M", "C", "100%")
    world.hold("C", "T", "76.5%")
    world.hold("M", "T", "23.5%")
    world.load(store)
    m, c, t = world.key("M"), world.key("C"), world.key("T")

    eff = effective_owners(store, t, as_of=D)
    assert share_of(eff, m) == pytest.approx(1.0)
    assert [round(x.contribution, 4) for x in eff.owner(m).paths] == [0.765, 0.235]

    ctl = actual_controller(store, t, as_of=D)
    assert ctl.status == "controlled"
    assert ctl.controller is not None and ctl.controller.key == m and ctl.controller.is_state
    assert ctl.control == pytest.approx(1.0)
    assert [p.key for p in ctl.chain] == [m, c, t]
    assert [(s.controller.key, s.controlled.key, round(s.votes, 4)) for s in ctl.steps] == [
        (m, c, 1.0),
        (c, t, 0.765),
    ]
    assert "controls" in ctl.message and "100.0%" in ctl.message

    bo = beneficial_owners(store, t, as_of=D)
    [owner] = bo.owners
    assert owner.party.key == m and owner.kind == "state" and owner.state
    assert owner.share == pytest.approx(1.0)
    assert "(state)" in bo.message
    assert bo.model_dump(mode="json")["owners"][0]["party"]["is_state"] is True


def test_a_falling_stake_stops_being_beneficial_on_the_right_day(store: GraphStore, world: World) -> None:
    """P's stake in T goes 100% -> 40% -> 30% -> 20% in consecutive periods; Q takes the rest."""
    world.person("P")
    world.person("Q")
    world.ent("T")
    periods = [
        ("2010-01-01", "2014-12-31", "100%", None),
        ("2015-01-01", "2017-12-31", "40%", "60%"),
        ("2018-01-01", "2020-12-31", "30%", "70%"),
        ("2021-01-01", "", "20%", "80%"),
    ]
    for since, until, p_share, q_share in periods:
        world.hold("P", "T", p_share, since=since, until=until)
        if q_share:
            world.hold("Q", "T", q_share, since=since, until=until)
    world.load(store)
    t, p = world.key("T"), world.key("P")

    def bo_keys(day: str) -> dict[str, float]:
        return {b.party.key: round(b.share, 6) for b in beneficial_owners(store, t, as_of=day).owners}

    assert bo_keys("2009-12-31") == {}  # nothing in force yet
    assert bo_keys("2014-12-31") == {p: 1.0}
    assert bo_keys("2015-01-01")[p] == 0.4
    assert bo_keys("2020-12-31")[p] == 0.3  # the last day of the 30% period
    assert p not in bo_keys("2021-01-01")  # 20% from the first day of the next one
    assert beneficial_owners(store, t, as_of="2021-01-01", threshold=0.2).owners[-1].party.key == p
    # The evidence edge carries its period.
    [edge] = effective_owners(store, t, as_of="2020-12-31").owner(p).paths[0].edges
    assert (edge.since, edge.until) == (dt.date(2018, 1, 1), dt.date(2020, 12, 31))
    assert "2014-12-31" in actual_controller(store, t, as_of="2014-12-31").message


def test_cross_holdings_give_the_geometric_series(store: GraphStore, world: World) -> None:
    """P 80% of X, Q 90% of Y, X 10% of Y, Y 20% of X.

    By hand, for target X: a walk may go round X -> Y -> X any number of times, each round
    multiplying by 10% x 20% = 0.02, so
        P in X = 0.8 (1 + 0.02 + 0.02^2 + ...) = 0.8 / 0.98 = 0.816326...
        Q in X = 0.9 x 0.2 / 0.98 = 0.183673...
        Y in X = 0.2 / 0.98, and X itself holds 0.02 / 0.98 of itself through Y.
    For target Y: P = 0.8 x 0.1 / 0.98, Q = 0.9 / 0.98. The ultimate owners sum to 100%.
    """
    world.person("P")
    world.person("Q")
    world.ent("X")
    world.ent("Y")
    world.hold("P", "X", "80%")
    world.hold("Y", "X", "20%")
    world.hold("Q", "Y", "90%")
    world.hold("X", "Y", "10%")
    world.load(store)
    p, q, x, y = (world.key(k) for k in "PQXY")

    series = sum(0.02**k for k in range(60))
    assert series == pytest.approx(1 / 0.98)

    in_x = effective_owners(store, x, as_of=D)
    assert share_of(in_x, p) == pytest.approx(0.8 * series)
    assert share_of(in_x, q) == pytest.approx(0.9 * 0.2 * series)
    assert share_of(in_x, y) == pytest.approx(0.2 * series)
    assert in_x.self_held == pytest.approx(0.02 * series)
    assert share_of(in_x, p) + share_of(in_x, q) == pytest.approx(1.0)
    # Simple paths explain 80% and 18%; the rest comes from going round the cycle.
    assert [x.contribution for x in in_x.owner(p).paths] == [pytest.approx(0.8)]
    assert in_x.owner(p).via_cycles == pytest.approx(0.8 * series - 0.8)
    assert in_x.owner(q).via_cycles == pytest.approx(0.18 * series - 0.18)
    assert not in_x.issues

    in_y = effective_owners(store, y, as_of=D)
    assert share_of(in_y, p) == pytest.approx(0.08 * series)
    assert share_of(in_y, q) == pytest.approx(0.9 * series)

    assert actual_controller(store, x, as_of=D).controller.key == p  # type: ignore[union-attr]
    assert actual_controller(store, y, as_of=D).controller.key == q  # type: ignore[union-attr]


def test_holdings_above_full_are_flagged_on_that_date_only(store: GraphStore, world: World) -> None:
    """B holds 70% of A; B is held by P 60% since 2010 and Q 50% since 2020: 110% from 2020."""
    world.person("P")
    world.person("Q")
    world.person("R")
    world.ent("A")
    world.ent("B")
    world.hold("B", "A", "70%")
    world.hold("R", "A", "30%")
    world.hold("P", "B", "60%", since="2010-01-01")
    world.hold("Q", "B", "50%", since="2020-01-01")
    world.load(store)
    a, b, p, q, r = (world.key(k) for k in "ABPQR")

    before = effective_owners(store, a, as_of="2019-12-31")
    assert not before.issues
    assert share_of(before, p) == pytest.approx(0.42)
    assert actual_controller(store, a, as_of="2019-12-31").controller.key == p  # type: ignore[union-attr]

    on = effective_owners(store, a, as_of="2020-06-01")
    [issue] = on.issues
    assert issue.kind == "over_full" and issue.nodes == [b] and issue.total == pytest.approx(1.1)
    assert "sum to 110.0% on 2020-06-01" in issue.message
    assert sorted(issue.affected) == sorted([a, b])  # the targets in the chain it touches
    assert share_of(on, p) is None and share_of(on, q) is None  # no invented numbers
    assert "110.0%" in (on.owner(p).undetermined or "")
    assert share_of(on, r) == pytest.approx(0.3)  # untouched by B's excess
    assert share_of(on, b) == pytest.approx(0.7)

    bo = beneficial_owners(store, a, as_of="2020-06-01")
    assert [o.party.key for o in bo.owners] == [r]
    assert sorted(o.party.key for o in bo.undetermined) == sorted([p, q])
    assert "undetermined" in bo.message

    ctl = actual_controller(store, a, as_of="2020-06-01")
    assert ctl.status == "undetermined" and ctl.controller is None
    assert any(i.kind == "over_full" for i in ctl.issues)
    own = actual_controller(store, b, as_of="2020-06-01")
    assert own.status == "undetermined" and "110.0% on 2020-06-01" in own.message
    assert own.largest_holders[0].party.key == p  # still listed, for the investigator

    tree = ownership_up(store, a, as_of="2020-06-01")
    assert [i.kind for i in tree.issues] == ["over_full"]
    assert not ownership_up(store, a, as_of="2019-06-01").issues


def test_nobody_controls_30_30_40(store: GraphStore, world: World) -> None:
    for ref in ("P1", "P2", "P3"):
        world.person(ref)
    world.ent("T")
    world.hold("P1", "T", "30%")
    world.hold("P2", "T", "30%")
    world.hold("P3", "T", "40%")
    world.load(store)
    ctl = actual_controller(store, world.key("T"), as_of=D)
    assert ctl.status == "no_controller" and ctl.controller is None and not ctl.chain
    assert "nobody controls" in ctl.message and "P3" in ctl.message
    assert [(h.party.key, round(h.votes, 2)) for h in ctl.largest_holders] == [
        (world.key("P3"), 0.4),
        *sorted([(world.key("P1"), 0.3), (world.key("P2"), 0.3)]),
    ]
    bo = beneficial_owners(store, world.key("T"), as_of=D)
    assert len(bo.owners) == 3


def test_control_counts_what_controlled_companies_hold(store: GraphStore, world: World) -> None:
    """P 60% of B, B 40% of A, P 15% of A directly: P controls A with 55%."""
    for ref in ("P", "Q", "R"):
        world.person(ref)
    world.ent("A")
    world.ent("B")
    world.hold("P", "B", "60%")
    world.hold("R", "B", "40%")
    world.hold("B", "A", "40%")
    world.hold("P", "A", "15%")
    world.hold("Q", "A", "45%")
    world.load(store)
    a, b, p = world.key("A"), world.key("B"), world.key("P")
    ctl = actual_controller(store, a, as_of=D)
    assert ctl.status == "controlled" and ctl.controller is not None and ctl.controller.key == p
    assert ctl.control == pytest.approx(0.55)
    assert [x.key for x in ctl.chain] == [p, a]
    [step] = ctl.steps
    assert [v.key for v in step.via] == [b] and step.votes == pytest.approx(0.55)
    assert sorted(round(h.ratio, 2) for h in step.holdings) == [0.15, 0.4]
    assert list(ctl.to_frame()["votes"]) == [pytest.approx(0.55)]
    # Integrated ownership is another measure: 15% + 60% x 40% = 39%.
    assert share_of(effective_owners(store, a, as_of=D), p) == pytest.approx(0.39)


def test_control_through_cross_holdings_does_not_depend_on_where_it_starts(
    store: GraphStore, world: World
) -> None:
    """P 60% of X, Y 20% of X; X 40% of Y, P 15% of Y. P controls X, so X's 40% of Y counts for P:
    P controls Y with 55%; then Y's 20% of X counts for P too: P controls X with 80%."""
    for ref in ("P", "R", "S"):
        world.person(ref)
    world.ent("X")
    world.ent("Y")
    world.hold("P", "X", "60%")
    world.hold("Y", "X", "20%")
    world.hold("R", "X", "20%")
    world.hold("X", "Y", "40%")
    world.hold("P", "Y", "15%")
    world.hold("S", "Y", "45%")
    world.load(store)
    p, x, y = world.key("P"), world.key("X"), world.key("Y")
    on_x = actual_controller(store, x, as_of=D)
    assert on_x.controller is not None and on_x.controller.key == p
    assert on_x.control == pytest.approx(0.80)
    assert sorted(v.key for v in on_x.steps[-1].via) == [y]
    on_y = actual_controller(store, y, as_of=D)
    assert on_y.controller is not None and on_y.controller.key == p
    assert on_y.control == pytest.approx(0.55)
    assert "ring" not in on_x.message + on_y.message


def test_a_ring_that_closes_on_itself_is_flagged(store: GraphStore, world: World) -> None:
    """X and Y each hold 100% of the other: I - A is singular on the ring, no figure through it."""
    world.person("P")
    for name in ("T", "X", "Y"):
        world.ent(name)
    world.hold("X", "T", "50%")
    world.hold("P", "T", "50%")
    world.hold("X", "Y", "100%")
    world.hold("Y", "X", "100%")
    world.load(store)
    t, x, y, p = (world.key(k) for k in "TXYP")
    eff = effective_owners(store, t, as_of=D)
    [issue] = eff.issues
    assert issue.kind == "divergent_cycle" and sorted(issue.nodes) == sorted([x, y])
    assert t in issue.affected
    assert share_of(eff, x) is None and share_of(eff, y) is None
    assert share_of(eff, p) == pytest.approx(0.5)


def test_back_substitution_and_sparse_solve_agree() -> None:
    """Without a cycle the column comes from back-substitution; it must equal the sparse LU solve,
    and with cycles the sparse solve must equal the walk sum sum_k A^k e_t."""
    rng = np.random.default_rng(7)
    keys = [f"N{i}" for i in range(40)]
    dag = {
        (keys[i], keys[j]): float(rng.uniform(0.05, 0.5))
        for i in range(40)
        for j in range(i)
        if rng.random() < 0.1
    }
    order = topological_order(keys, dag)
    assert order is not None
    for target in ("N0", "N7"):
        np.testing.assert_allclose(
            integrated_column(keys, dag, target, order=order),
            integrated_column(keys, dag, target),
            atol=1e-12,
        )
    cyclic = {**dag, ("N0", "N39"): 0.3, ("N5", "N20"): 0.2}
    assert topological_order(keys, cyclic) is None
    a = np.zeros((40, 40))
    for (h, t), v in cyclic.items():
        a[keys.index(h), keys.index(t)] = v
    a /= max(1.0, a.sum(axis=0).max() * 1.25)  # keep the walk sums convergent
    scaled = {(h, t): a[keys.index(h), keys.index(t)] for h, t in cyclic}
    walk, term = np.zeros(40), np.eye(40)[:, 0]
    for _ in range(400):
        walk += term
        term = a @ term
    np.testing.assert_allclose(integrated_column(keys, scaled, "N0"), walk, atol=1e-10)


# ---------------------------------------------------------------------------------------------
# limits, dates, caps, errors


def _chain(world: World, n: int) -> None:
    """E0 <- E1 <- ... <- E{n-1} <- P, each 100%."""
    world.person("P")
    for i in range(n):
        world.ent(f"E{i}")
    for i in range(n - 1):
        world.hold(f"E{i + 1}", f"E{i}", "100%")
    world.hold("P", f"E{n - 1}", "100%")


def test_depth_limit_is_respected_and_reported(store: GraphStore, world: World) -> None:
    _chain(world, 5)
    world.load(store)
    e0, p = world.key("E0"), world.key("P")
    tree = ownership_up(store, e0, as_of=D, depth=2)
    assert sorted(n.key for n in tree.nodes) == sorted([e0, world.key("E1"), world.key("E2")])
    assert tree.depth_limited and tree.depth_reached == 2
    assert [i.kind for i in tree.issues] == ["depth_limit"]
    assert not tree.party(world.key("E2")).expanded and tree.party(world.key("E2")).level == 2
    assert len(tree.to_frame()) == 2

    bo = beneficial_owners(store, e0, as_of=D, depth=2)
    assert not bo.owners and [o.party.key for o in bo.opaque] == [world.key("E2")]
    assert "owners unknown" in bo.message
    ctl = actual_controller(store, e0, as_of=D, depth=2)
    assert ctl.controller is not None and ctl.controller.key == world.key("E2")
    assert "not fetched" in ctl.message

    full = beneficial_owners(store, e0, as_of=D)
    assert [(b.party.key, round(b.share, 6)) for b in full.owners] == [(p, 1.0)]
    assert actual_controller(store, e0, as_of=D).chain[0].key == p
    assert not ownership_up(store, e0, as_of=D).depth_limited

    down = ownership_down(store, p, as_of=D, depth=3)
    assert [n.level for n in sorted(down.nodes, key=lambda n: n.level)] == [0, 1, 2, 3]
    assert down.depth_limited
    assert len(ownership_down(store, p, as_of=D).nodes) == 6

    for bad in (0, 31):
        with pytest.raises(InvalidInput):
            ownership_up(store, e0, depth=bad)
    with pytest.raises(InvalidInput):
        beneficial_owners(store, e0, threshold=0)
    with pytest.raises(InvalidInput, match="threshold"):
        ownership.ownership_analysis(store, e0, threshold=1.5)
    with pytest.raises(InvalidInput):
        ownership_up(store, e0, as_of="30/06/2024")


def test_as_of_excludes_holdings_outside_their_period(store: GraphStore, world: World) -> None:
    world.person("P")
    world.person("Q")
    world.ent("T")
    world.ent("B")
    world.hold("P", "T", "100%", until="2019-12-31")
    world.hold("B", "T", "100%", since="2020-01-01")
    world.hold("Q", "B", "100%", since="2020-01-01", until="2022-12-31")
    world.load(store)
    t, b, p, q = (world.key(k) for k in "TBPQ")

    def up(day: str) -> set[str]:
        return {n.key for n in ownership_up(store, t, as_of=day).nodes}

    assert up("2019-12-31") == {t, p}
    assert up("2020-01-01") == {t, b, q}
    assert up("2022-12-31") == {t, b, q}
    assert up("2023-01-01") == {t, b}  # the until day is inclusive, the day after is not
    assert {n.key for n in ownership_down(store, q, as_of="2021-01-01").nodes} == {q, b, t}
    assert {n.key for n in ownership_down(store, q, as_of="2023-01-01").nodes} == {q}
    # A person subject: nobody holds a person.
    assert [n.key for n in ownership_up(store, p, as_of=D).nodes] == [p]


def test_unknown_subjects_raise_not_found(store: GraphStore, world: World) -> None:
    world.person("P")
    world.ent("T")
    world.hold("P", "T", "100%")
    world.load(store)
    unknown = make_uscc("9", "1", "230800", "99999999")
    for call in (ownership_up, ownership_down, effective_owners, beneficial_owners, actual_controller):
        with pytest.raises(NotFound):
            call(store, unknown)
    with pytest.raises(NotFound):
        effective_owners(store, world.key("P"))  # a person has no owners to compute
    assert ownership_down(store, world.key("P"), as_of=D).subject.kind == "person"
    assert ownership_up(store, world.key("T").lower(), as_of=D).subject.key == world.key("T")


def test_hub_fetch_is_capped_keeping_the_largest_stakes(store: GraphStore, world: World) -> None:
    world.ent("HUB", org_type="government")
    for i in range(12):
        world.ent(f"S{i}")
        world.hold("HUB", f"S{i}", f"{10 + i}%")
    world.load(store)
    tree = ownership_down(store, world.key("HUB"), as_of=D, max_nodes=5)
    assert tree.truncated and len(tree.nodes) == 5
    assert sorted(round(e.ratio, 2) for e in tree.edges) == [0.18, 0.19, 0.2, 0.21]
    [issue] = tree.issues
    assert issue.kind == "node_cap" and "8" in issue.message
    assert not ownership_down(store, world.key("HUB"), as_of=D).truncated


def test_frontier_query_agrees_with_per_key_queries(
    store: GraphStore, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole-frontier hop (LadybugDB's own text) and the one-key hop give the same subgraph."""
    world.person("P")
    world.ent("T")
    for i in range(6):
        world.ent(f"M{i}")
        world.ent(f"U{i}")
        world.hold(f"M{i}", "T", f"{100 / 6:.4f}%")
        world.hold(f"U{i}", f"M{i}", "100%" if i % 2 else "60%", since="" if i != 3 else "2030-01-01")
        world.hold("P", f"U{i}", "100%")
    world.load(store)
    t = world.key("T")

    def snapshot(direction: str, key: str) -> tuple[list[tuple[str, int]], list[tuple[str, str, float]]]:
        call = ownership_up if direction == "up" else ownership_down
        tree = call(store, key, as_of=D)
        return (
            sorted((n.key, n.level) for n in tree.nodes),
            sorted((e.holder, e.target, round(e.ratio, 6)) for e in tree.edges),
        )

    monkeypatch.setattr(ownership.fetch, "LADYBUG_PER_KEY_FRONTIER", 0)
    frontier = snapshot("up", t), snapshot("down", world.key("P"))
    monkeypatch.setattr(ownership.fetch, "LADYBUG_PER_KEY_FRONTIER", 1000)
    per_key = snapshot("up", t), snapshot("down", world.key("P"))
    assert frontier == per_key
    nodes, edges = frontier[0]
    assert len(nodes) == 1 + 6 + 5 + 1  # U3's holding starts in 2030
    assert len(edges) == 6 + 5 + 5
    assert share_of(effective_owners(store, t, as_of=D), world.key("P")) == pytest.approx(
        (0.6 + 1 + 0.6 + 0 + 0.6 + 1) / 6, abs=1e-5
    )


# ---------------------------------------------------------------------------------------------
# command line


@pytest.fixture
def db(tmp_path: Path, world: World) -> tuple[Path, World]:
    world.ent("M", org_type="government")
    world.ent("C")
    world.ent("T")
    world.person("P", "张三")
    world.hold("M", "C", "100%")
    world.hold("C", "T", "70%")
    world.hold("P", "T", "30%")
    path = tmp_path / "graph.lbug"
    store = EmbeddedStore(path, buffer_pool_mb=128)
    try:
        world.load(store)
    finally:
        store.close()
    return path, world


def _app():  # type: ignore[no-untyped-def]
    import typer

    from graph_credit.cli.ownership import register

    app = typer.Typer()
    register(app)
    return app


def test_cli_commands_print_json_and_tables(db: tuple[Path, World]) -> None:
    path, world = db
    app, runner = _app(), CliRunner()
    t = world.key("T")

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--db", str(path), "--as-of", "2024-06-30"])
        assert result.exit_code == 0, result.output
        return result.stdout

    ctl = json.loads(run("controller", t, "--json"))
    assert ctl["status"] == "controlled" and ctl["controller"]["key"] == world.key("M")
    assert [s["votes"] for s in ctl["steps"]] == [1.0, 0.7]
    bo = json.loads(run("beneficial-owners", t, "--json", "--threshold", "0.3"))
    assert {o["party"]["name"]: o["kind"] for o in bo["owners"]} == {"M": "state", "张三": "natural_person"}
    owners = json.loads(run("owners", t, "--json"))
    assert owners["owners"][0]["share"] == pytest.approx(0.7)
    up = json.loads(run("ownership-up", t, "--json", "--depth", "1"))
    assert up["depth_limited"] is True and len(up["nodes"]) == 3
    down = json.loads(run("ownership-down", world.key("M"), "--json"))
    assert {n["name"] for n in down["nodes"]} == {"M", "C", "T"}

    assert "M" in run("controller", t)
    assert "张三" in run("owners", t)
    assert "30.00%" in run("beneficial-owners", t)
    assert "C" in run("ownership-up", t)
    assert "T" in run("ownership-down", world.key("M"))


def test_cli_reports_unknown_subjects_and_bad_dates(db: tuple[Path, World]) -> None:
    path, _ = db
    app, runner = _app(), CliRunner()
    result = runner.invoke(app, ["controller", "NOPE", "--db", str(path)])
    assert result.exit_code == 1 and "no enterprise" in result.output
    result = runner.invoke(app, ["owners", "NOPE", "--db", str(path), "--as-of", "June"])
    assert result.exit_code != 0 and "as-of" in result.output.lower()
