"""Record lifecycles as the joint-punishment module writes them, seen by the check on any date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_credit import punishment
from graph_credit.screening import ScreeningResult, screen
from graph_credit.store.base import GraphStore
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def world(tmp_path: Path, store: GraphStore) -> World:
    w = World(tmp_path / "bundle")
    w.ent("C", established="2015-01-01")
    w.person("L")
    w.role("L", "C", "legal_rep", since="2016-01-01")
    w.record("BL-C", "C", "blacklist", decision_date="2023-01-10", valid_until="2027-01-10")
    return w.load(store)


def check(store: GraphStore, w: World, as_of: dt.date = D) -> ScreeningResult:
    r = screen(store, w.key("C"), as_of=as_of)
    assert isinstance(r, ScreeningResult)
    return r


def finding(r: ScreeningResult, rule: str):  # type: ignore[no-untyped-def]
    return next(f for f in r.findings if f.rule == rule)


def test_an_objection_suspends_from_the_day_it_is_filed_and_a_rejection_restores(
    store: GraphStore, world: World
) -> None:
    punishment.file_objection(store, "BL-C", by="C", on="2024-03-01", basis="申请人提交异议材料")
    before = check(store, world, dt.date(2024, 2, 1))
    assert (before.grade, before.verdict) == ("D", "reject")
    during = check(store, world)
    f = finding(during, "own-serious-active")
    assert f.suspended and f.weight == 0 and "异议处理中" in f.text
    assert during.grade != "D" and during.verdict != "reject"
    today = check(store, world, dt.date.today())  # today: the stored status, no events read
    assert finding(today, "own-serious-active").suspended
    restricted = finding(during, "own-restricted")  # the module's restriction, suspended too
    assert restricted.suspended and all(x.state == "suspended" for x in restricted.restrictions)
    punishment.decide_objection(
        store, "BL-C", upheld=False, by="市场监管局", on="2024-05-01", basis="核查属实"
    )
    assert (check(store, world).grade, check(store, world).verdict) == ("D", "reject")  # measures resume
    assert (
        check(store, world, dt.date(2024, 4, 1)).verdict == "pass"
    )  # still what we said while it was checked


def test_an_upheld_objection_voids_the_record_from_its_decision(store: GraphStore, world: World) -> None:
    punishment.file_objection(store, "BL-C", by="C", on="2024-03-01", basis="异议")
    punishment.decide_objection(
        store, "BL-C", upheld=True, outcome="revoked", by="市场监管局", on="2024-04-01", basis="认定有误"
    )
    after = check(store, world)
    assert after.findings == [] and after.grade == "A"
    assert check(store, world, dt.date(2023, 6, 30)).grade == "D"  # what we said then


def test_a_repair_turns_the_record_into_history_from_its_date(store: GraphStore, world: World) -> None:
    punishment.repair_record(store, "BL-C", by="市场监管局", on="2024-02-01", basis="完成信用修复")
    r = check(store, world)
    assert "own-serious-active" not in {f.rule for f in r.findings}
    h = finding(r, "own-serious-history")
    assert h.history and h.records[0].ended == dt.date(2024, 2, 1)
    # 004 §20: off the blacklist, a key monitoring object at once; its authority set no period, so
    # the catalogue's default applies and the finding says so (graded C while it lasts)
    m = finding(r, "own-monitoring")
    assert "默认期限" in m.text and m.records[0].monitoring_default
    assert r.grade == "C"
    assert check(store, world, dt.date(2024, 1, 15)).grade == "D"  # before the repair
