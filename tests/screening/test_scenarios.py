"""The credit check's scenarios, each on the smallest world that shows the behaviour."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_credit.screening import CandidateChoice, ScreeningResult, load_policy, screen
from graph_credit.screening.policy import DEFAULT_POLICY
from graph_credit.store.base import GraphStore
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path / "bundle")


def check(store: GraphStore, w: World, name: str = "C", as_of: dt.date = D, **kw: object) -> ScreeningResult:
    r = screen(store, w.key(name), as_of=as_of, **kw)  # type: ignore[arg-type]
    assert isinstance(r, ScreeningResult)
    return r


def rules(r: ScreeningResult) -> set[str]:
    return {f.rule for f in r.findings}


def base(w: World, established: str = "2015-01-01") -> None:
    """C, held 80% by the person P (its controller) and 20% by the enterprise H; L its legal rep."""
    w.ent("C", established)
    w.ent("H", established="2015-01-01")
    w.person("P")
    w.person("L")
    w.hold("P", "C", "80%", since="2016-01-01")
    w.hold("H", "C", "20%", since="2016-01-01")
    w.role("L", "C", "legal_rep", since="2016-01-01")


def test_clean_candidate_with_clean_chain_gets_a_and_after_three_years_the_green_channel(
    store: GraphStore, world: World
) -> None:
    base(world)
    world.ent("Young", established="2023-01-01")
    world.record("LIC1", "C", "admin_licence")  # a licence is no bad record
    world.load(store)
    r = check(store, world)
    assert (r.grade, r.verdict, r.findings, r.score) == ("A", "green_channel", [], 0.0)
    assert r.grade_label == "诚信守法" and "减少检查频次" in r.supervision
    assert r.ownership.controller is not None and r.ownership.controller.key == world.key("P")
    assert [o.role for o in r.officers] == ["legal_rep"]
    young = check(store, world, "Young")
    assert (young.grade, young.verdict) == ("A", "pass")  # clean, but not yet for three years
    assert "不享绿色通道" in young.verdict_reason


def test_a_bad_record_ended_less_than_three_years_ago_closes_the_green_channel(
    store: GraphStore, world: World
) -> None:
    base(world)
    world.record(
        "PEN1", "C", "admin_penalty", decision_date="2022-03-01", valid_until="2023-03-01", status="expired"
    )
    world.load(store)
    r = check(store, world)
    assert r.verdict == "pass" and r.grade == "B"
    assert r.incentive.clean_since == dt.date(2023, 3, 1)
    faded = check(store, world, as_of=dt.date(2026, 6, 30))
    assert faded.grade == "B" and faded.findings[0].weight < 4 * 0.5  # older than a half-life
    later = check(store, world, as_of=dt.date(2028, 6, 30))
    assert later.verdict == "green_channel", later.verdict_reason  # past the 5-year horizon: weighs nothing


def test_controllers_other_company_on_the_blacklist_is_flagged_with_that_path(
    store: GraphStore, world: World
) -> None:
    base(world)
    world.ent("Y", established="2015-01-01")
    world.hold("P", "Y", "60%")
    world.record("BL-Y", "Y", "blacklist", category="拖欠工资", valid_until="2026-01-10")
    world.load(store)
    r = check(store, world)
    [f] = [f for f in r.findings if f.rule == "related-serious"]
    assert f.subject.key == world.key("Y")
    assert [n.key for n in f.path.nodes] == [world.key("C"), world.key("P"), world.key("Y"), "BL-Y"]
    assert [e.kind for e in f.path.edges] == ["HOLDS", "HOLDS", "SUBJECT_OF"]
    assert f.path.edges[1].ratio == pytest.approx(0.6)
    assert "实际控制人" in f.text and "BL-Y" in f.text
    assert [x.record_id for x in f.records] == ["BL-Y"]
    assert r.verdict == "caution"  # the rule's min_verdict


def test_restricted_legal_representative_is_flagged(store: GraphStore, world: World) -> None:
    base(world)
    world.record("JD-L", "L", "judgment_debtor", decision_date="2023-05-01")
    world.load(store)
    r = check(store, world)
    assert {"legal-rep-restricted", "legal-rep-serious"} <= rules(r)
    f = next(f for f in r.findings if f.rule == "legal-rep-restricted")
    assert f.subject.key == world.key("L") and f.restrictions
    assert [e.kind for e in f.path.edges] == ["LEGAL_REP_OF"]
    assert r.grade == "C" and r.verdict == "caution"
    assert [o.restricted for o in r.officers] == [True]


def test_the_same_evidence_met_by_two_rules_weighs_once(store: GraphStore, world: World) -> None:
    w = world
    w.ent("C", established="2015-01-01")
    w.person("P")
    w.person("L")
    w.hold("P", "C", "85%")
    w.hold("L", "C", "15%")  # the legal rep is a shareholder too
    w.role("L", "C", "legal_rep")
    w.record("JD-L", "L", "judgment_debtor", decision_date="2023-05-01")
    w.load(store)
    r = check(store, w)
    weight = {f.rule: f.weight for f in r.findings}
    assert weight["legal-rep-restricted"] == 30 and weight["holder-restricted"] == 0
    assert weight["holder-serious"] == 25 and weight["legal-rep-serious"] == 0
    holder = next(f for f in r.findings if f.rule == "holder-restricted")
    assert "已按规则 legal-rep-restricted 计分" in holder.text
    assert r.score == 55  # the restriction once (30), the record once (25)


def test_the_legal_rep_in_office_on_the_date_is_the_one_checked(store: GraphStore, world: World) -> None:
    base(world)
    world.person("Old")
    world.role("Old", "C", "legal_rep", since="2010-01-01", until="2015-12-31")
    world.record("JD-O", "Old", "judgment_debtor", decision_date="2012-05-01")
    world.load(store)
    assert "legal-rep-restricted" not in rules(check(store, world))
    then = check(store, world, as_of=dt.date(2015, 6, 30))
    assert "legal-rep-restricted" in rules(then)
    assert then.ownership.controller is None  # the holdings began in 2016


def test_own_active_serious_record_gives_d_and_reject(store: GraphStore, world: World) -> None:
    base(world)
    world.record("BL-C", "C", "blacklist", category="食品药品", valid_until="2027-01-10")
    world.load(store)
    r = check(store, world)
    assert (r.grade, r.verdict) == ("D", "reject")
    assert r.findings[0].rule == "own-serious-active" and r.findings[0].weight == 100
    assert r.grade_label == "严重失信" and "不设上限" in r.supervision
    before = check(store, world, as_of=dt.date(2022, 12, 31))  # not yet decided then
    assert (before.grade, before.verdict) == ("A", "green_channel")


def test_objection_under_review_changes_the_wording_and_suspends_the_weight(
    store: GraphStore, world: World
) -> None:
    base(world)
    world.record("BL-C", "C", "blacklist", valid_until="2027-01-10", status="under_objection")
    world.load(store)
    r = check(store, world)
    [f] = [f for f in r.findings if f.rule == "own-serious-active"]
    assert f.suspended and f.weight == 0.0 and f.base_weight == 100
    assert "异议处理中" in f.text and "暂停计分" in f.text
    assert f.min_grade is None and f.min_verdict is None
    assert r.grade == "A" and r.verdict == "pass"  # not D; no green channel while it is checked
    assert "异议处理中暂停计分" in r.verdict_reason


def test_repaired_record_counts_as_history_not_as_active(store: GraphStore, world: World) -> None:
    base(world)
    world.record(
        "BL-C", "C", "blacklist", decision_date="2022-06-01", valid_until="2025-06-01", status="repaired"
    )
    world.load(store)
    r = check(store, world)
    assert "own-serious-active" not in rules(r)
    [f] = [f for f in r.findings if f.rule == "own-serious-history"]
    assert f.history and 0 < f.weight < 15  # faded by the half-life
    assert [x.state for x in f.records] == ["history"]
    assert r.grade == "B" and r.verdict == "pass"


def test_after_exit_the_subject_stays_under_key_monitoring_for_the_months_set(
    store: GraphStore, world: World
) -> None:
    base(world)
    world.record(
        "BL-C",
        "C",
        "blacklist",
        decision_date="2021-01-01",
        valid_until="2024-01-01",
        status="expired",
        monitoring_months="12",
    )
    world.load(store)
    r = check(store, world)  # 2024-06-30: exited 2024-01-01, monitored to 2025-01-01
    [f] = [f for f in r.findings if f.rule == "own-monitoring"]
    assert f.weight == 5 and "重点监管期至 2025-01-01" in f.text
    assert "own-monitoring" not in rules(check(store, world, as_of=dt.date(2025, 3, 1)))
    assert "own-monitoring" not in rules(check(store, world, as_of=dt.date(2023, 6, 30)))  # still listed then


def test_changing_the_policy_file_changes_the_grade(store: GraphStore, world: World, tmp_path: Path) -> None:
    base(world)
    world.record(
        "BL-C", "C", "blacklist", decision_date="2022-06-01", valid_until="2025-06-01", status="repaired"
    )
    world.load(store)
    before = check(store, world)
    assert before.grade == "B"
    edited = tmp_path / "grading.yaml"
    text = DEFAULT_POLICY.read_text(encoding="utf-8")
    edited.write_text(text.replace("B: {label: 轻微失信, max_score: 15", "B: {label: 轻微失信, max_score: 5"))
    r = check(store, world, policy=str(edited))
    assert r.grade == "C" and r.verdict == "caution"
    assert r.policy.startswith("grading.yaml (") and r.policy != before.policy  # the edited file's digest


def test_guarantee_circle_with_a_dishonest_member_is_flagged(store: GraphStore, world: World) -> None:
    base(world)
    world.ent("G1", established="2015-01-01")
    world.ent("G2", established="2015-01-01")
    world.guarantee("C", "G1")
    world.guarantee("G1", "G2")
    world.guarantee("G2", "C")
    world.record("JD-G2", "G2", "judgment_debtor")
    world.load(store)
    r = check(store, world)
    f = next(f for f in r.findings if f.rule == "guarantee-circle-dishonest")
    assert f.subject.key == world.key("G2")
    assert f.path.nodes[0].key == world.key("C") and f.path.nodes[-1].key == "JD-G2"
    assert "guarantee-chain-dishonest" in rules(r)
    assert r.guarantees.links == 2 and r.guarantees.circles
    assert r.verdict == "caution"


def test_outbound_investment_and_failed_project(store: GraphStore, world: World) -> None:
    base(world)
    world.ent("Sub", established="2015-01-01")
    world.ent("Tiny", established="2015-01-01")
    world.hold("C", "Sub", "51%")
    world.hold("C", "Tiny", "5%")
    world.record("BL-S", "Sub", "blacklist", valid_until="2027-01-01")
    world.record("BL-T", "Tiny", "blacklist", valid_until="2027-01-01")
    world.project("PRJ1", "C", "investor", "terminated", "未落地", started="2022-01-01", ended="2023-12-01")
    world.load(store)
    r = check(store, world)
    [f] = [f for f in r.findings if f.rule == "outbound-serious"]
    assert f.subject.key == world.key("Sub")  # 5% is below the outbound threshold
    assert [o.enterprise.key for o in r.outbound] == [world.key("Sub")]
    [p] = [f for f in r.findings if f.rule == "project-failed"]
    assert p.subject.key == "PRJ1" and "未落地" in p.text
    then = check(store, world, as_of=dt.date(2023, 6, 30))  # running then: its end was not known
    assert "project-failed" not in rules(then) and then.projects[0].status == "running"


def test_ambiguous_name_returns_the_candidates(store: GraphStore, world: World) -> None:
    world.ent("佳木斯甲公司", established="2015-01-01")
    world.ent("佳木斯甲公司分公司", established="2015-01-01")
    world.ent("佳木斯乙公司", established="2015-01-01")
    world.load(store)
    one = screen(store, "佳木斯乙公司", as_of=D)
    assert isinstance(one, ScreeningResult) and one.candidate.uscc == world.key("佳木斯乙公司")
    many = screen(store, "甲公司", as_of=D)
    assert isinstance(many, CandidateChoice)
    assert {h.key for h in many.candidates} == {world.key("佳木斯甲公司"), world.key("佳木斯甲公司分公司")}


def test_the_shipped_policy_loads() -> None:
    p = load_policy()
    assert (
        p.grade_for(0) == "A"
        and p.grade_for(15) == "B"
        and p.grade_for(15.1) == "C"
        and p.grade_for(51) == "D"
    )
    assert len({r.id for r in p.rules}) == len(p.rules)
