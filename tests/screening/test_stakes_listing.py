"""A holder of more stakes than a check lists: the largest are listed, every risky one is too, and
the answer says how many there are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_credit.screening import ScreeningResult, load_policy, screen
from graph_credit.screening.policy import Policy, Rule
from graph_credit.store.base import GraphStore
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def world(tmp_path: Path) -> World:
    """C, 60% held by the holding company K (its controller), holds O1-O4; K holds S1-S5 too.
    The smallest of each is the subject of a serious record; S3 of a penalty only."""
    w = World(tmp_path / "bundle")
    w.ent("C", established="2015-01-01")
    w.ent("K", established="2015-01-01")
    w.person("L")
    w.hold("K", "C", "60%")
    w.role("L", "C", "legal_rep")
    for i, share in enumerate(("50%", "40%", "30%", "20%", "10%"), start=1):
        w.ent(f"S{i}", established="2015-01-01")
        w.hold("K", f"S{i}", share)
    for i, share in enumerate(("60%", "50%", "40%", "25%"), start=1):
        w.ent(f"O{i}", established="2015-01-01")
        w.hold("C", f"O{i}", share)
    w.record("BL-S5", "S5", "blacklist", valid_until="2027-01-01")
    w.record("PEN-S3", "S3", "admin_penalty", valid_until="2027-01-01")
    w.record("JD-O4", "O4", "judgment_debtor")
    return w


def _policy(listed: int, *extra: Rule) -> Policy:
    p = load_policy()
    return p.model_copy(
        update={
            "limits": p.limits.model_copy(update={"stakes_listed": listed}),
            "rules": [*p.rules, *extra],
        }
    )


def _check(store: GraphStore, w: World, policy: Policy) -> ScreeningResult:
    r = screen(store, w.key("C"), as_of=D, policy=policy)
    assert isinstance(r, ScreeningResult)
    return r


def _subjects(r: ScreeningResult, rule: str) -> set[str]:
    return {f.subject.key for f in r.findings if f.rule == rule}


def test_a_capped_holder_still_reports_its_risky_stakes_and_says_how_many_were_not_listed(
    store: GraphStore, world: World
) -> None:
    world.load(store)
    w = world
    capped = _check(store, w, _policy(2))
    full = _check(store, w, _policy(25))

    # the controller's other stakes: the two largest, and S5 for its blacklist record (S3's penalty
    # is no kind a related rule looks at)
    assert {t.enterprise.key for t in capped.ties} == {w.key("S1"), w.key("S2"), w.key("S5")}
    assert _subjects(capped, "related-serious") == {w.key("S5")} == _subjects(full, "related-serious")
    # the candidate's own: the two largest and O4 for its judgment-debtor record
    assert [o.enterprise.key for o in capped.outbound] == [w.key("O1"), w.key("O2"), w.key("O4")]
    assert _subjects(capped, "outbound-serious") == {w.key("O4")} == _subjects(full, "outbound-serious")
    assert (capped.grade, capped.verdict, capped.score) == (full.grade, full.verdict, full.score)

    by = {x.relation: x for x in capped.listings}
    assert (by["controller"].holder.key, by["controller"].total, by["controller"].listed) == (
        w.key("K"),
        5,
        3,
    )
    assert (by["outbound"].total, by["outbound"].listed, by["outbound"].largest) == (4, 3, 2)
    assert any("3 of 5 are listed" in n and "the other 2 have none" in n for n in capped.notes)
    assert full.listings == [] and len(full.ties) == 5 and len(full.outbound) == 4


def test_a_rule_on_restrictions_of_related_enterprises_lists_and_flags_the_restricted_stake(
    store: GraphStore, world: World
) -> None:
    world.load(store)
    rule = Rule(
        id="related-restricted", title="关联企业正受联合惩戒", scope="related", restricted=True, weight=5
    )
    p = _policy(1, rule)
    # no related rule on records left: a stake is risky for its restriction alone
    p = p.model_copy(update={"rules": [r for r in p.rules if r.scope != "related" or r.restricted]})
    r = _check(store, world, p)
    # S1 for its size; S5 for the restriction its blacklist record brought (S3's penalty brings none)
    assert {t.enterprise.key for t in r.ties} == {world.key("S1"), world.key("S5")}
    assert _subjects(r, "related-restricted") == {world.key("S5")}
    assert any("2 of 5 are listed" in n and "or a restriction" in n for n in r.notes)


def test_the_report_says_n_of_m_listed(store: GraphStore, world: World) -> None:
    from graph_credit.screening import render_report

    world.load(store)
    html = render_report(_check(store, world, _policy(2)))
    assert "共 5 家，列出 3 家（3/5）" in html and "其余 2 家无此类记录" in html
