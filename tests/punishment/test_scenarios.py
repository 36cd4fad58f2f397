"""Joint punishment as scenarios from the seeds, each on a tiny bundle in each engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_credit import punishment as pu
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.store.base import GraphStore
from tests.support.world import World


def acme(tmp_path: Path, store: GraphStore, **record: str) -> World:
    """Enterprise A, blacklisted for an act of 2019-06-01 decided 2021-05-01, valid to 2024-05-01.

    L1 was legal rep until 2019-12-31 (and represents B since 2018), L2 from 2020; D director,
    M manager, S a 30% shareholder also named responsible, X a 10% shareholder, R named responsible.
    """
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    w.ent("B", established="2000-01-01")
    for p in ("L1", "L2", "D", "M", "S", "R", "X"):
        w.person(p)
    w.role("L1", "A", "legal_rep", "2010-01-01", "2019-12-31")
    w.role("L2", "A", "legal_rep", "2020-01-01")
    w.role("D", "A", "director", "2015-01-01")
    w.role("M", "A", "manager", "2015-01-01")
    w.role("L1", "B", "legal_rep", "2018-01-01")
    w.hold("S", "A", "30%", "2015-01-01")
    w.hold("X", "A", "10%", "2015-01-01")
    args = {
        "act_date": "2019-06-01",
        "decision_date": "2021-05-01",
        "valid_until": "2024-05-01",
        "monitoring_months": "24",
        "responsible": "R;S",
        **record,
    }
    w.record("R1", "A", args.pop("kind", "blacklist"), **args)
    w.load(store, derive=False)
    pu.rebuild_restrictions(store, on="2021-05-01")
    return w


def measures(store: GraphStore, w: World, who: str, on: str) -> set[tuple[str, str]]:
    r = pu.restrictions(store, w.key(who), on)
    return {(i.measure_code, i.role) for i in r.items if i.state == "active"}


D1 = "2022-01-01"


def test_legal_rep_on_the_act_date_is_restricted_and_the_successor_is_not(
    store: GraphStore, tmp_path: Path
) -> None:
    w = acme(tmp_path, store)
    l1 = pu.restrictions(store, w.key("L1"), D1)
    assert l1.restricted
    assert {(i.measure_code, i.role) for i in l1.items} == {
        ("MARKET_ENTRY_BAN", "legal_rep"),
        ("HONOURS", "legal_rep"),
    }
    item = next(i for i in l1.items if i.measure_code == "MARKET_ENTRY_BAN")
    assert item.via_enterprise == w.key("A") and item.role_date == dt.date(2019, 6, 1)
    assert item.role_date_source == "act_date" and "on the act date 2019-06-01" in item.provenance
    assert "004 §15" in item.basis and item.role_edge and item.role_edge in item.provenance
    l2 = pu.restrictions(store, w.key("L2"), D1)  # joined after the act, is today's holder
    assert not l2.restricted and l2.items == []


def test_decision_date_is_the_fallback_and_says_so(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store, act_date="")  # no act date: the 2021 decision date picks L2
    assert measures(store, w, "L1", D1) == set()
    [item] = [
        i for i in pu.restrictions(store, w.key("L2"), D1).items if i.measure_code == "MARKET_ENTRY_BAN"
    ]
    assert item.role_date_source == "decision_date" and "decision date used instead" in item.provenance


def test_persons_named_directly_responsible_are_restricted(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    assert measures(store, w, "R", D1) == {("MARKET_ENTRY_BAN", "responsible"), ("HONOURS", "responsible")}


def test_a_director_not_named_responsible_is_not_reached(store: GraphStore, tmp_path: Path) -> None:
    # 004 §15 对失信行为负有直接责任的董事、股东 (the whole reading: tests/punishment/test_fidelity.py)
    w = acme(tmp_path, store)
    assert measures(store, w, "D", D1) == set()
    assert measures(store, w, "M", D1) == {("HONOURS", "manager")}
    # shareholders only when also named responsible (对失信行为负有直接责任的股东)
    assert ("HONOURS", "shareholder") in measures(store, w, "S", D1)
    assert measures(store, w, "X", D1) == set()


def test_the_subject_gets_every_triggered_measure(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    got = {code for code, role in measures(store, w, "A", D1)}
    assert {"PUBLIC_FUNDS", "PUBLIC_RESOURCE_TRADING", "FRANCHISE", "NEW_PROJECT_APPROVAL", "HONOURS"} <= got
    assert "HIGH_CONSUMPTION" not in got  # for judgment debtors only
    assert not pu.restrictions(store, w.key("A"), "2021-04-30").restricted  # before the decision


def test_office_ban_flags_other_enterprises_where_the_person_serves(
    store: GraphStore, tmp_path: Path
) -> None:
    w = acme(tmp_path, store)
    [risk] = pu.restrictions(store, w.key("L1"), D1).related_risks
    assert risk.enterprise_uscc == w.key("B") and risk.sanctioned_enterprise == w.key("A")
    [risk_b] = pu.restrictions(store, w.key("B"), D1).related_risks
    assert risk_b.person_key == w.key("L1") and risk_b.measure_code == "MARKET_ENTRY_BAN"
    assert risk_b.office == "legal_rep"
    assert not pu.restrictions(store, w.key("B"), D1).restricted  # B itself is not sanctioned


def test_restricted_persons_behind_an_enterprise(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    got = pu.restricted_persons(store, w.key("A"), D1)
    assert {p.person_key for p in got.persons} == {w.key(p) for p in ("L1", "M", "S", "R")}
    assert all(p.because_of_this_enterprise for p in got.persons)
    offices = {p.person_key: p.offices for p in got.persons}
    assert offices[w.key("M")] == ["manager"] and offices[w.key("S")] == ["shareholder"]
    assert offices[w.key("L1")] == []  # left in 2019, restricted for the 2019 act all the same
    assert len(got.to_frame()) >= 4


def test_an_objection_suspends_and_a_rejection_restores(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    pu.file_objection(store, "R1", by="A's lawyer", on="2022-02-01", basis="information not true")
    assert not pu.restrictions(store, w.key("L1"), "2022-02-10").restricted
    assert {i.state for i in pu.restrictions(store, w.key("L1"), "2022-02-10").items} == {"suspended"}
    assert pu.restrictions(store, w.key("L1"), "2022-01-31").restricted  # in force before it
    t = pu.decide_objection(store, "R1", upheld=False, by="市场监管局", on="2022-03-01", basis="核实无误")
    assert t.to_status == "active"
    assert pu.restrictions(store, w.key("L1"), "2022-03-01").restricted
    assert not pu.restrictions(store, w.key("L1"), "2022-02-28").restricted
    actions = [e.action for e in pu.record_history(store, "R1").events]
    assert actions == ["objection", "objection_rejected"]


def test_an_upheld_objection_withdraws_and_restores_reputation(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    pu.file_objection(store, "R1", by="A", on="2022-02-01", basis="wrong company")
    t = pu.decide_objection(
        store, "R1", upheld=True, outcome="revoked", by="市场监管局", on="2022-03-01", basis="核实有误"
    )
    assert "reputation is restored" in t.note
    a = pu.restrictions(store, w.key("A"), "2022-06-01")
    assert not a.restricted and {i.state for i in a.items} == {"withdrawn"}
    assert "reputation restored" in a.items[0].state_note
    assert pu.published(store, w.key("A"), "2022-06-01") == []
    history = pu.record_history(store, "R1")
    assert history.status == "revoked" and [e.to_status for e in history.events] == [
        "under_objection",
        "revoked",
    ]
    with pytest.raises(InvalidInput, match="status is 'revoked'"):
        pu.file_objection(store, "R1", by="A", on="2022-04-01", basis="again")


def test_a_repair_ends_restrictions_and_starts_monitoring(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    pu.repair_record(store, "R1", by="市场监管局", on="2022-06-15", basis="整改完成")
    assert pu.restrictions(store, w.key("L1"), "2022-06-14").restricted
    after = pu.restrictions(store, w.key("L1"), "2022-06-15")
    assert not after.restricted and {i.state for i in after.items} == {"ended"}
    assert "004 §26" in after.items[0].state_note
    mon = pu.monitoring_status(store, w.key("A"), "2023-01-01")
    assert mon.monitored and mon.items[0].since == dt.date(2022, 6, 15)
    assert mon.items[0].until == dt.date(2024, 6, 14)
    assert not pu.monitoring_status(store, w.key("A"), "2024-06-15").monitored
    assert not pu.monitoring_status(store, w.key("A"), "2022-06-14").monitored


def test_an_unrepairable_record_refuses_repair_and_says_why(store: GraphStore, tmp_path: Path) -> None:
    acme(tmp_path, store, repairable="否")
    with pytest.raises(InvalidInput, match=r"R1 cannot be repaired.*not repairable.*004 §26"):
        pu.repair_record(store, "R1", by="x", on="2022-06-15", basis="整改完成")
    assert pu.record_history(store, "R1").events == []


def test_expiry_ends_restrictions_on_the_right_day(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    assert pu.restrictions(store, w.key("L1"), "2024-05-01").restricted  # the last valid day
    assert not pu.restrictions(store, w.key("L1"), "2024-05-02").restricted
    [t] = pu.expire_records(store, "2024-07-01")
    assert t.on == dt.date(2024, 5, 2) and t.to_status == "expired"
    assert pu.restrictions(store, w.key("L1"), "2024-05-01").restricted
    assert not pu.restrictions(store, w.key("L1"), "2024-05-02").restricted
    assert pu.expire_records(store, "2024-07-01") == []  # nothing left to expire
    assert pu.monitoring_status(store, w.key("A"), "2024-06-01").monitored  # 004 §20: after exit
    assert pu.published(store, w.key("A"), "2024-05-01") and not pu.published(store, w.key("A"), "2024-05-02")


def test_a_judgment_debtors_legal_rep_is_restricted_in_high_consumption(
    store: GraphStore, tmp_path: Path
) -> None:
    w = acme(tmp_path, store, kind="judgment_debtor", responsible="", authority="佳木斯市前进区人民法院")
    l1 = measures(store, w, "L1", D1)
    assert ("HIGH_CONSUMPTION", "legal_rep") in l1 and ("EXIT_RESTRICTION", "legal_rep") in l1
    assert ("HIGH_CONSUMPTION", "subject") in measures(store, w, "A", D1)
    assert measures(store, w, "D", D1) == set()


def test_procurement_bad_conduct_bars_procurement_for_three_years_without_validity(
    store: GraphStore, tmp_path: Path
) -> None:
    w = acme(tmp_path, store, kind="procurement_bad_conduct", valid_until="")
    [item] = pu.restrictions(store, w.key("A"), D1).items
    assert item.measure_code == "PROCUREMENT_BAN" and item.end == dt.date(2024, 4, 30)
    assert "001" in item.basis and "002" in item.basis
    assert measures(store, w, "L1", D1) == set()


def test_three_clean_years_give_a_green_channel_and_a_new_record_removes_it(
    store: GraphStore, tmp_path: Path
) -> None:
    w = acme(tmp_path, store, valid_until="2021-12-31")
    early = pu.incentive_status(store, w.key("A"), "2024-06-01")
    assert not early.green_channel and early.clean_since == dt.date(2022, 1, 1)
    green = pu.incentive_status(store, w.key("A"), "2025-01-01")
    assert green.green_channel and not green.red_list and "GREEN_CHANNEL" in green.measures
    assert pu.incentive_status(store, w.key("B"), "2025-01-01").green_channel  # never a bad record
    pu.add_record(
        store,
        record_id="P9",
        subject=w.key("A"),
        kind="admin_penalty",
        authority="佳木斯市生态环境局",
        decision_date="2024-12-01",
        by="生态环境局",
    )
    lost = pu.incentive_status(store, w.key("A"), "2025-01-01")
    assert not lost.green_channel and lost.clean_since == dt.date(2024, 12, 2)


def test_red_list_gives_a_green_channel_until_a_bad_record_appears(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    pu.add_record(
        store,
        record_id="H1",
        subject=w.key("B"),
        kind="red_list",
        authority="区文明办",
        decision_date="2022-01-01",
        valid_until="2026-12-31",
        by="区文明办",
    )
    red = pu.incentive_status(store, w.key("B"), "2023-01-01")
    assert (
        red.red_list
        and red.green_channel
        and set(red.measures) >= {"GREEN_CHANNEL", "PUBLIC_SERVICE_PRIORITY"}
    )
    pu.add_record(
        store,
        record_id="J1",
        subject=w.key("B"),
        kind="judgment_debtor",
        authority="区法院",
        decision_date="2023-03-01",
        by="区法院",
    )
    after = pu.incentive_status(store, w.key("B"), "2023-06-01")
    assert not after.red_list and not after.green_channel and after.bad_records == ["J1"]


def test_adding_a_record_propagates_and_pushes_tasks(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    before = len(pu.tasks(store).tasks)
    t = pu.add_record(
        store,
        record_id="J2",
        subject=w.key("B"),
        kind="judgment_debtor",
        authority="区法院",
        decision_date="2023-03-01",
        act_date="2023-01-01",
        responsible=[w.key("R")],
        by="区法院",
        on="2023-03-02",
    )
    assert t.propagation.restrictions > 0 and t.propagation.tasks_created > 0
    assert ("HIGH_CONSUMPTION", "legal_rep") in measures(store, w, "L1", "2023-06-01")
    open_tasks = pu.tasks(store, department="区人民法院", as_of="2023-03-12")
    assert open_tasks.tasks and all(x.department == "区人民法院" for x in open_tasks.tasks)
    assert {x.age_days for x in open_tasks.tasks if x.record_id == "J2"} == {10}
    done = pu.report_task(store, open_tasks.tasks[0].task_id, by="执行局", on="2023-03-05", action="已限制")
    assert done.answered_on == dt.date(2023, 3, 5)
    with pytest.raises(InvalidInput, match="already answered"):
        pu.report_task(store, done.task_id, by="执行局", on="2023-03-06", action="again")
    assert len(pu.tasks(store).tasks) == before + t.propagation.tasks_created - 1
    assert pu.propagate(store, "J2", on="2023-03-02").tasks_created == 0  # idempotent


def test_tracking_counts_by_measure_department_kind_and_state(store: GraphStore, tmp_path: Path) -> None:
    acme(tmp_path, store)
    f = pu.tracking(store, D1).to_frame()
    honours = f[(f.dimension == "measure") & (f.value == "HONOURS")]
    # A, L1, M, S as shareholder and as responsible, R (D is no longer reached: 004 §15)
    assert honours["count"].sum() == 6 and list(honours.month) == ["2021-05"]
    assert f[(f.dimension == "state") & (f.value == "active")]["count"].sum() == 20
    assert f[f.dimension == "task_status"]["count"].sum() > 0


def test_bad_input_is_refused_with_the_record_and_reason(store: GraphStore, tmp_path: Path) -> None:
    w = acme(tmp_path, store)
    with pytest.raises(NotFound, match="no such credit record"):
        pu.file_objection(store, "NOPE", by="x", on=D1, basis="b")
    with pytest.raises(InvalidInput, match="basis is required"):
        pu.file_objection(store, "R1", by="x", on=D1, basis=" ")
    with pytest.raises(InvalidInput, match="before its decision date"):
        pu.file_objection(store, "R1", by="x", on="2020-01-01", basis="b")
    with pytest.raises(InvalidInput, match="only under_objection"):
        pu.decide_objection(store, "R1", upheld=False, by="x", on=D1, basis="b")
    pu.file_objection(store, "R1", by="x", on=D1, basis="b")
    with pytest.raises(InvalidInput, match="needs outcome 'corrected' or 'revoked'"):
        pu.decide_objection(store, "R1", upheld=True, by="x", on=D1, basis="b")
    with pytest.raises(InvalidInput, match="kind 'blacklisted' is not one of"):
        pu.add_record(
            store,
            record_id="Z",
            subject=w.key("A"),
            kind="blacklisted",
            authority="a",
            decision_date=D1,
            by="x",
        )
    with pytest.raises(InvalidInput, match="a record with this id exists"):
        pu.add_record(
            store,
            record_id="R1",
            subject=w.key("A"),
            kind="blacklist",
            authority="a",
            decision_date=D1,
            by="x",
        )
    with pytest.raises(NotFound, match="no enterprise with this USCC or person"):
        pu.restrictions(store, "nobody", D1)
    with pytest.raises(InvalidInput, match="not a date"):
        pu.restrictions(store, w.key("A"), "2022-13-01")


def test_loading_a_bundle_derives_restrictions_and_a_reload_leaves_them(
    store: GraphStore, tmp_path: Path
) -> None:
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    w.person("L")
    w.role("L", "A", "legal_rep", "2010-01-01")
    w.record("J", "A", "judgment_debtor", decision_date="2022-01-01")
    w.load(store, derive=True)
    assert w.report.restrictions and w.report.restrictions["restrictions"] > 0
    assert pu.restrictions(store, w.key("L"), "2022-06-01").restricted
    w.load(store, derive=True)  # the same bundle again: nothing changed, nothing derived
    assert w.report.restrictions is None
    assert pu.restrictions(store, w.key("L"), "2022-06-01").restricted
