"""Who a measure reaches, read from the seed text it cites (issue 16), each on a tiny bundle in
each engine. The seed quoted is 004_52e23ac73ce511d6.txt (the district's joint reward and
punishment implementation plan), cited as 004 §N by the catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml

from graph_credit import punishment as pu
from graph_credit.errors import InvalidInput
from graph_credit.punishment.catalogue import DEFAULT_CATALOGUE, load_catalogue, parse_catalogue
from graph_credit.punishment.propagation import _comparable
from graph_credit.screening import ScreeningResult, screen
from graph_credit.store.base import GraphStore
from tests.support.world import World

ON = "2022-01-01"


def reached(store: GraphStore, w: World, who: str, on: str = ON) -> set[tuple[str, str]]:
    r = pu.restrictions(store, w.key(who), on)
    return {(i.measure_code, i.role) for i in r.items if i.state == "active"}


def board(
    tmp_path: Path,
    store: GraphStore,
    kind: str = "blacklist",
    responsible: str = "D2;V2;S",
    valid_until: str = "2024-05-01",
) -> World:
    """Enterprise A sanctioned for an act of 2019-06-01: L legal rep, C chair, P principal, D and D2
    directors, V and V2 supervisors, M manager, F finance head, S and X shareholders; the record
    names `responsible` directly responsible."""
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    for p in ("L", "C", "P", "D", "D2", "V", "V2", "M", "F", "S", "X"):
        w.person(p)
    w.role("L", "A", "legal_rep", "2010-01-01")
    for person, office in (
        ("C", "chair"),
        ("P", "principal"),
        ("D", "director"),
        ("D2", "director"),
        ("V", "supervisor"),
        ("V2", "supervisor"),
        ("M", "manager"),
        ("F", "finance_head"),
    ):
        w.role(person, "A", office, "2015-01-01")
    w.hold("S", "A", "30%", "2015-01-01")
    w.hold("X", "A", "20%", "2015-01-01")
    w.record(
        "R1",
        "A",
        kind,
        act_date="2019-06-01",
        decision_date="2021-05-01",
        valid_until=valid_until,
        responsible=responsible,
        authority="佳木斯市前进区人民法院" if kind == "judgment_debtor" else "佳木斯市市场监督管理局",
    )
    return w.load(store)


# ---------------------------------------------------------------------------------------------
# 004 §15: honours reach directors and shareholders only when directly responsible, supervisors never


def test_004_s15_honours_reach_directors_and_shareholders_only_when_responsible_and_no_supervisor(
    store: GraphStore, tmp_path: Path
) -> None:
    # 004_52e23ac73ce511d6.txt §15: 有关部门要及时撤销严重失信企业及其法定代表人、负责人、高级管理人员
    # 和对失信行为负有直接责任的董事、股东等人员的荣誉称号，取消参加评先评优资格。
    w = board(tmp_path, store)
    # not named responsible: a director, a supervisor, a shareholder are not restricted at all
    assert reached(store, w, "D") == set()
    assert reached(store, w, "V") == set()
    assert reached(store, w, "X") == set()
    # named responsible: the director is reached as director too; the supervisor only as a
    # person named responsible, never for being a supervisor
    assert reached(store, w, "D2") == {
        ("HONOURS", "director"),
        ("HONOURS", "responsible"),
        ("MARKET_ENTRY_BAN", "responsible"),
    }
    assert reached(store, w, "V2") == {("HONOURS", "responsible"), ("MARKET_ENTRY_BAN", "responsible")}
    assert ("HONOURS", "shareholder") in reached(store, w, "S")
    # 高级管理人员: the manager and the finance head, for honours only
    assert reached(store, w, "M") == {("HONOURS", "manager")}
    assert reached(store, w, "F") == {("HONOURS", "manager")}
    behind = {p.person_key for p in pu.restricted_persons(store, w.key("A"), ON).persons}
    assert not behind & {w.key(p) for p in ("D", "V", "X")}


# Whom each measure's cited text names (实施对象), beyond the sanctioned subject itself:
# 004 §15 market entry ban: 严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员;
# 004 §15 honours: the text above; 004 §17 exit and high consumption: 严重失信主体, reaching persons
# through 004 §8: 对其法定代表人、主要负责人和其他负有直接责任人员采取相应的联合惩戒措施;
# every other measure of 004 §15-§17, 001 §四(二), 002 §三(七) names the subject only.
PERSONS_NAMED = {
    "MARKET_ENTRY_BAN": {"legal_rep", "principal", "responsible"},
    "HONOURS": {"legal_rep", "principal", "manager", "director", "shareholder", "responsible"},
    "HIGH_CONSUMPTION": {"legal_rep", "principal", "responsible"},
    "EXIT_RESTRICTION": {"legal_rep", "principal", "responsible"},
}


def test_004_s8_s15_s17_every_measure_reaches_only_the_persons_its_basis_names() -> None:
    cat = load_catalogue()
    for m in cat.punishment:
        persons = set(m.targets) - {"subject", "actual_controller"}
        assert persons == PERSONS_NAMED.get(m.code, set()), m.code
        assert "supervisor" not in m.targets, m.code
        # 对失信行为负有直接责任的董事、股东: never a director or shareholder for the office alone
        assert {"director", "shareholder"} & set(m.targets) <= set(m.responsible_only), m.code
    # the SPC rule on high consumption (2015) §3 ¶2 names the actual controller; 004 §17 does not
    assert [m.code for m in cat.controller_measures()] == ["HIGH_CONSUMPTION"]


# ---------------------------------------------------------------------------------------------
# the chair as principal responsible person (主要负责人), as catalogue data


def test_004_s15_s17_the_chair_is_the_principal_responsible_person(store: GraphStore, tmp_path: Path) -> None:
    # 004_52e23ac73ce511d6.txt §15: 对严重失信企业及其法定代表人、主要负责人和对失信行为负有直接责任的
    # 注册执业人员等依法实施市场和行业禁入措施
    w = board(tmp_path, store, responsible="")
    assert reached(store, w, "C") == {("MARKET_ENTRY_BAN", "principal"), ("HONOURS", "principal")}
    assert reached(store, w, "P") == {("MARKET_ENTRY_BAN", "principal"), ("HONOURS", "principal")}
    [item] = [i for i in pu.restrictions(store, w.key("C"), ON).items if i.measure_code == "MARKET_ENTRY_BAN"]
    assert item.office == "chair" and "chair" in item.provenance


def test_004_s17_the_chair_of_a_judgment_debtor_is_restricted_in_high_consumption(
    store: GraphStore, tmp_path: Path
) -> None:
    # 004_52e23ac73ce511d6.txt §17: 对有履行能力但拒不履行的严重失信主体实施限制出境和限制购买不动产、
    # 乘坐飞机…及其他高消费行为等措施; §8: 对其法定代表人、主要负责人和其他负有直接责任人员采取相应的联合惩戒措施
    w = board(tmp_path, store, kind="judgment_debtor", responsible="")
    assert {("HIGH_CONSUMPTION", "principal"), ("EXIT_RESTRICTION", "principal")} <= reached(store, w, "C")
    assert reached(store, w, "D") == set()
    assert reached(store, w, "M") == {("HONOURS", "manager")}  # a senior manager: not 主要负责人


def test_which_offices_count_as_principal_is_catalogue_data(tmp_path: Path) -> None:
    cat = load_catalogue()
    principal = cat.target_roles["principal"]
    assert set(principal.offices) == {"principal", "chair"} and "董事长" in principal.basis
    assert "principal" in cat.office_targets()["chair"] and "director" in cat.office_targets()["chair"]
    raw = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    raw["target_roles"]["principal"]["offices"] = ["principal"]
    edited = parse_catalogue(raw, "edited")
    assert edited.office_targets()["chair"] == ("director",)
    del raw["target_roles"]["principal"]
    with pytest.raises(InvalidInput, match=r"MARKET_ENTRY_BAN targets \['principal'\], which target_roles"):
        parse_catalogue(raw, "edited")


# ---------------------------------------------------------------------------------------------
# a measure binds only the kinds of target it can bind


def test_004_s17_exit_is_restricted_for_persons_never_for_an_enterprise(
    store: GraphStore, tmp_path: Path
) -> None:
    # 004_52e23ac73ce511d6.txt §17: 对有履行能力但拒不履行的严重失信主体实施限制出境和限制购买不动产、
    # 乘坐飞机、乘坐高等级列车和席次、旅游度假、入住星级以上宾馆及其他高消费行为等措施
    w = board(
        tmp_path, store, kind="judgment_debtor", responsible="", valid_until=""
    )  # in force today: pushed
    on_a = reached(store, w, "A")
    assert ("HIGH_CONSUMPTION", "subject") in on_a  # the high consumption rule binds the unit itself
    assert not any(code == "EXIT_RESTRICTION" for code, _ in on_a)
    assert ("EXIT_RESTRICTION", "legal_rep") in reached(store, w, "L")
    exit_tasks = pu.tasks(store, "公安出入境管理部门", as_of=ON).tasks
    assert exit_tasks and all(t.target_kind == "Person" for t in exit_tasks)
    assert w.key("A") not in {t.target_key for t in exit_tasks}


def test_004_s17_a_person_judgment_debtor_is_restricted_from_exit(store: GraphStore, tmp_path: Path) -> None:
    w = World(tmp_path / "bundle")
    w.person("Q")
    w.record("R9", "Q", "judgment_debtor", decision_date="2021-05-01", valid_until="2024-05-01")
    w.load(store)
    assert {("EXIT_RESTRICTION", "subject"), ("HIGH_CONSUMPTION", "subject")} <= reached(store, w, "Q")


def test_binds_is_catalogue_data_and_checked() -> None:
    cat = load_catalogue()
    assert cat.measure("EXIT_RESTRICTION").binds == ("person",)
    assert set(cat.measure("HIGH_CONSUMPTION").binds) == {"unit", "person"}
    raw = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    [market] = [m for m in raw["punishment"] if m["code"] == "MARKET_ENTRY_BAN"]
    market["binds"] = ["unit"]
    with pytest.raises(InvalidInput, match=r"measure MARKET_ENTRY_BAN, field .*binds has no person"):
        parse_catalogue(raw, "edited")


# ---------------------------------------------------------------------------------------------
# the actual controller of a judgment debtor, through the ownership chain

ACT = "2020-06-01"


def controlled(tmp_path: Path) -> World:
    """A, a judgment debtor for an act of 2020-06-01: P holds 60% of the holding company H, which
    holds 70% of A. B is 80% held by a state body G; C is 40% held by Q (nobody controls it).
    Five other enterprises have a penalty each, so a change at H touches few records."""
    w = World(tmp_path / "bundle")
    for name in ("A", "H", "B", "C"):
        w.ent(name, established="2000-01-01")
    w.ent("G", established="2000-01-01", org_type="government")
    for p in ("P", "P2", "Q", "L"):
        w.person(p)
    w.hold("P", "H", "60%", "2015-01-01")
    w.hold("H", "A", "70%", "2015-01-01")
    w.hold("G", "B", "80%", "2015-01-01")
    w.hold("Q", "C", "40%", "2015-01-01")
    w.role("L", "A", "legal_rep", "2010-01-01")
    for subject, rid in (("A", "RA"), ("B", "RB"), ("C", "RC")):
        w.record(
            rid,
            subject,
            "judgment_debtor",
            act_date=ACT,
            decision_date="2021-05-01",
            authority="佳木斯市前进区人民法院",
        )
    for i in range(5):
        w.ent(f"F{i}", established="2000-01-01")
        w.record(f"RF{i}", f"F{i}", "admin_penalty", decision_date="2021-05-01")
    return w


def test_spc_high_consumption_art3_binds_the_actual_controller_through_a_holding_company(
    store: GraphStore, tmp_path: Path
) -> None:
    # 最高人民法院关于限制被执行人高消费及有关消费的若干规定 (2015) §3 ¶2: 被执行人为单位的，被采取限制
    # 消费措施后，被执行人及其法定代表人、主要负责人、影响债务履行的直接责任人员、实际控制人不得实施前款规定的行为
    w = controlled(tmp_path).load(store)
    assert reached(store, w, "P") == {
        ("HIGH_CONSUMPTION", "actual_controller")
    }  # not exit: §17 names no controller
    [item] = pu.restrictions(store, w.key("P"), ON).items
    assert item.via_enterprise == w.key("A") and item.role_date.isoformat() == ACT
    assert f"holds 60.0% of H [{w.key('H')}]" in item.provenance
    assert f"H [{w.key('H')}] holds 70.0% of A [{w.key('A')}]" in item.provenance
    assert reached(store, w, "H") == set()  # the holding company in between is no target
    # a state body at the top is never restricted; nobody controls C
    assert reached(store, w, "G") == set() and reached(store, w, "Q") == set()
    for rid in ("RB", "RC"):
        roles = {r.role for r in pu.restrictions(store, w.key(rid[1]), ON).items}
        assert roles == {"subject"}
    # one record propagated alone derives what the load derived for it
    again = pu.propagate(store, "RA", on=ON)
    assert again.added == again.removed == 0 and again.unchanged == again.restrictions


def test_spc_high_consumption_art3_a_change_on_the_chain_rederives_and_a_rebuild_agrees(
    store: GraphStore, tmp_path: Path
) -> None:
    w = controlled(tmp_path).load(store)
    assert ("HIGH_CONSUMPTION", "actual_controller") in reached(store, w, "P")
    # P had sold its stake in H to P2 before the act: the holdings of H change, not those of A
    w.row("holdings.csv", holder="P")["until"] = "2019-12-31"
    w.hold("P2", "H", "60%", "2020-01-01")
    w.load(store)
    done = w.report.restrictions
    assert done is not None and done["mode"] == "incremental" and done["records"] == 1, done
    assert reached(store, w, "P") == set()
    assert reached(store, w, "P2") == {("HIGH_CONSUMPTION", "actual_controller")}
    incremental = _comparable(store.read_frame("punishment/restrictions_all"))
    pu.rebuild_restrictions(store, on=ON)
    pd.testing.assert_frame_equal(_comparable(store.read_frame("punishment/restrictions_all")), incremental)


# ---------------------------------------------------------------------------------------------
# 004 §20: key monitoring after exit, for a default period when the authority set none


def listed(tmp_path: Path, store: GraphStore, monitoring_months: str = "") -> World:
    """A blacklisted from 2021-05-01 to 2024-05-01, with the monitoring period its authority set."""
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    w.record(
        "R1",
        "A",
        "blacklist",
        act_date="2021-01-01",
        decision_date="2021-05-01",
        valid_until="2024-05-01",
        monitoring_months=monitoring_months,
    )
    return w.load(store)


def test_004_s20_after_a_repair_monitoring_starts_at_once_for_the_default_period_and_says_so(
    store: GraphStore, tmp_path: Path
) -> None:
    # 004_52e23ac73ce511d6.txt §20: "黑名单"主体退出名单后，应立即作为信用重点监测对象，有效期由将其
    # 列入"黑名单"的部门（单位）确定
    w = listed(tmp_path, store)  # the authority set no period
    pu.repair_record(store, "R1", by="市场监管局", on="2022-06-15", basis="整改完成")
    assert "default period" in pu.record_history(store, "R1").events[-1].note
    default = load_catalogue().monitoring
    assert default is not None and default.default_months == 12
    mon = pu.monitoring_status(store, w.key("A"), "2022-06-15")
    [item] = mon.items
    assert mon.monitored and item.default_period and item.months == 12
    assert item.since.isoformat() == "2022-06-15" and item.until.isoformat() == "2023-06-14"
    assert "default period" in item.reason and "004 §20" in item.reason
    assert not pu.monitoring_status(store, w.key("A"), "2023-06-15").monitored
    assert not pu.monitoring_status(store, w.key("A"), "2022-06-14").monitored  # still listed


def test_004_s20_the_authoritys_period_wins_over_the_default(store: GraphStore, tmp_path: Path) -> None:
    w = listed(tmp_path, store, monitoring_months="24")
    [item] = pu.monitoring_status(store, w.key("A"), "2025-01-01").items  # expired 2024-05-01
    assert not item.default_period and item.months == 24 and item.until.isoformat() == "2026-05-01"


def test_004_s20_an_upheld_objection_starts_no_monitoring(store: GraphStore, tmp_path: Path) -> None:
    w = listed(tmp_path, store)
    pu.file_objection(store, "R1", by="A", on="2022-01-10", basis="not us")
    pu.decide_objection(store, "R1", upheld=True, outcome="corrected", by="y", on="2022-02-01", basis="wrong")
    for day in ("2022-02-01", "2023-01-01", "2024-06-01"):
        assert not pu.monitoring_status(store, w.key("A"), day).monitored


def test_004_s20_screening_reports_the_default_monitoring_period(store: GraphStore, tmp_path: Path) -> None:
    w = listed(tmp_path, store)
    r = screen(store, w.key("A"), as_of="2024-06-30")
    assert isinstance(r, ScreeningResult)  # expired 2024-05-01: monitored to 2025-05-01
    [f] = [f for f in r.findings if f.rule == "own-monitoring"]
    assert "重点监管期至 2025-05-01" in f.text and "默认期限" in f.text
    [rec] = [x for x in r.records if x.record_id == "R1"]
    assert rec.monitoring_default and rec.monitored_until is not None
    later = screen(store, w.key("A"), as_of="2025-06-30")
    assert isinstance(later, ScreeningResult)
    assert "own-monitoring" not in {f.rule for f in later.findings}


def test_004_s20_the_explorer_marks_a_monitored_subject_and_says_the_period_is_the_default(
    store: GraphStore, tmp_path: Path
) -> None:
    from graph_credit import explore

    w = listed(tmp_path, store)  # expired 2024-05-01; the authority set no period
    during = explore.neighbourhood_view(store, w.key("A"), hops=1, as_of=dt.date(2024, 6, 30))
    node = during.node(f"Enterprise:{w.key('A')}")
    assert "monitored" in node.flags and "sanctioned" not in node.flags
    [m] = [m for m in node.marks if m.relation == "monitoring"]
    assert m.record_id == "R1" and m.note is not None and "default period" in m.note
    page = explore.render_page(during, role="investigator", inline_assets=True)  # the tooltip says it
    assert "key monitoring after exit" in page
    listed_then = explore.neighbourhood_view(store, w.key("A"), hops=1, as_of=dt.date(2023, 6, 30))
    assert "monitored" not in listed_then.node(f"Enterprise:{w.key('A')}").flags  # still listed
    after = explore.neighbourhood_view(store, w.key("A"), hops=1, as_of=dt.date(2025, 6, 30))
    assert "monitored" not in after.node(f"Enterprise:{w.key('A')}").flags


# ---------------------------------------------------------------------------------------------
# 004 §11: one green-channel rule for `incentives` and `screen`


def test_004_s11_a_penalty_ended_over_three_years_ago_gives_the_green_channel_in_both(
    store: GraphStore, tmp_path: Path
) -> None:
    # 004_52e23ac73ce511d6.txt §11: 对诚信典型和连续三年无不良信用记录的行政相对人，可根据实际情况实施
    # "绿色通道""容缺受理"等便利服务措施
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    w.record("P1", "A", "admin_penalty", decision_date="2019-03-01", valid_until="2020-03-01")
    w.load(store)
    assert pu.incentive_status(store, w.key("A"), "2024-06-30").green_channel
    r = screen(store, w.key("A"), as_of="2024-06-30")
    assert isinstance(r, ScreeningResult) and r.verdict == "green_channel", r.verdict_reason
    assert "可享绿色通道（激励查询" in r.verdict_reason
    early = screen(store, w.key("A"), as_of="2022-06-30")  # clean since 2020-03-02: not 3 years yet
    assert isinstance(early, ScreeningResult) and early.verdict != "green_channel"
    assert not pu.incentive_status(store, w.key("A"), "2022-06-30").green_channel


def test_004_s11_over_the_generated_data_screen_and_incentives_agree_on_the_green_channel(
    store: GraphStore, tmp_path: Path
) -> None:
    from graph_credit.screening.grading import argues_against_green_channel
    from loaders.load import load_bundle
    from loaders.synthetic import generate
    from tests.conftest import SECRET

    folder = tmp_path / "tiny"
    generate("tiny", folder)
    load_bundle(store, folder, SECRET)
    usccs = sorted(r["key"] for r in store.read("load/enterprise_keys"))
    assert len(usccs) > 50
    granted = given = 0
    for day in ("2021-01-01", "2023-06-30", "2025-12-31"):
        for uscc in usccs:
            r = screen(store, uscc, as_of=day)
            assert isinstance(r, ScreeningResult)
            lookup = pu.incentive_status(store, uscc, day).green_channel
            if r.verdict == "green_channel":
                assert lookup, (uscc, day, r.verdict_reason)
                given += 1
            if lookup and not any(argues_against_green_channel(f) for f in r.findings):
                assert r.verdict == "green_channel", (uscc, day, r.verdict_reason)
                granted += 1
    assert given == granted > 0
