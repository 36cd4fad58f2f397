"""A later bundle corrects what an earlier one said about a record: the old links go (kept as
history), every subject and person touched is derived again, and a re-run changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from graph_credit import punishment as pu
from graph_credit.screening import ScreeningResult, screen
from graph_credit.store.base import GraphStore
from tests.punishment.test_rebuild import stored
from tests.support.world import World

D = dt.date(2024, 6, 30)


def _world(folder: Path) -> World:
    w = World(folder)
    for name in ("E", "F"):
        w.ent(name, established="2015-01-01")
        w.person(f"L{name}")
        w.role(f"L{name}", name, "legal_rep", since="2016-01-01")
    w.person("P1")
    w.person("P2")
    w.record(
        "R1",
        "E",
        "blacklist",
        act_date="2022-12-01",
        decision_date="2023-01-10",
        valid_until="2027-01-10",
        responsible="P1",
    )
    return w


def _targets(store: GraphStore, record_id: str) -> set[str]:
    rows = stored(store)
    return set(rows.loc[rows["record_id"] == record_id, "target_key"])


def _own_records(r: ScreeningResult) -> set[str]:
    assert isinstance(r, ScreeningResult)
    return {x.record_id for x in r.records}


def _events(store: GraphStore, record_id: str) -> list[tuple[str, str]]:
    return [(e.action, e.note) for e in pu.record_history(store, record_id).events]


def test_a_record_moved_to_another_subject_punishes_the_new_one_only(
    store: GraphStore, tmp_path: Path
) -> None:
    w = _world(tmp_path / "bundle").load(store)
    e, f = w.uscc["E"], w.uscc["F"]
    assert {e, w.key("LE"), w.key("P1")} <= _targets(store, "R1")
    # The registry entered R1 against the wrong enterprise: the same bundle again, R1 against F.
    w.row("records.csv", record_id="R1")["subject"] = f
    w.load(store)
    assert w.report.corrections == {"subject": 1}
    assert w.report.restrictions is not None and w.report.restrictions["records"] == 1
    targets = _targets(store, "R1")
    assert {f, w.key("LF"), w.key("P1")} <= targets
    assert not {e, w.key("LE")} & targets  # E and its representative are punished for nothing
    assert [r["subject_key"] for r in store.read("punishment/record_one", record_id="R1")] == [f]
    assert "R1" not in _own_records(screen(store, e, as_of=D))
    assert screen(store, e, as_of=D).verdict != "reject"
    assert "R1" in _own_records(screen(store, f, as_of=D))
    assert not pu.restrictions(store, e, D).items
    [(action, note)] = _events(store, "R1")
    assert action == "subject_corrected" and e in note and f in note
    [kept] = store.read("load/corrections_all")
    assert (kept["action"], kept["edge"], kept["src"], kept["dst"]) == ("superseded", "SUBJECT_OF", e, "R1")
    assert kept["by"] == "load of bundle bundle"
    # a re-run changes nothing
    before = stored(store)
    w.load(store)
    assert w.report.corrections == {} and w.report.restrictions is None
    assert all(c.inserted == c.updated == 0 for c in (*w.report.nodes.values(), *w.report.edges.values()))
    pd.testing.assert_frame_equal(stored(store), before)
    assert len(_events(store, "R1")) == 1 and len(store.read("load/corrections_all")) == 1


def test_corrected_responsible_persons_and_kind(store: GraphStore, tmp_path: Path) -> None:
    w = _world(tmp_path / "bundle").load(store)
    w.row("records.csv", record_id="R1")["responsible"] = "P2"
    w.load(store)
    assert w.report.corrections == {"responsible": 1}
    targets = _targets(store, "R1")
    assert w.key("P2") in targets and w.key("P1") not in targets
    [(action, note)] = _events(store, "R1")
    assert action == "responsible_corrected" and "no longer named P1" in note and "now named P2" in note
    # the source no longer names anyone: the named person is no longer punished
    w.row("records.csv", record_id="R1")["responsible"] = ""
    w.load(store)
    assert w.key("P2") not in _targets(store, "R1")
    # an administrative licence is no dishonesty: every restriction of R1 goes
    w.row("records.csv", record_id="R1")["kind"] = "admin_licence"
    w.load(store)
    assert w.report.corrections == {"kind": 1}
    assert _targets(store, "R1") == set()
    assert [a for a, _ in _events(store, "R1")] == [
        "responsible_corrected",
        "responsible_corrected",
        "kind_corrected",
    ]
    assert pu.record_history(store, "R1").status == "active"  # a correction is no status change
    w.load(store)
    assert len(_events(store, "R1")) == 3


def test_a_status_the_source_changes_is_a_transition_and_one_the_platform_set_stands(
    store: GraphStore, tmp_path: Path
) -> None:
    w = _world(tmp_path / "bundle").load(store)
    pu.file_objection(store, "R1", by="E", on="2024-03-01", basis="申请人提交异议材料")
    w.load(store)  # the source still says active: the objection the platform recorded stands
    assert w.report.corrections == {}
    assert pu.record_history(store, "R1").status == "under_objection"
    w.row("records.csv", record_id="R1")["status"] = "revoked"
    w.load(store)
    assert w.report.corrections == {"status": 1}
    history = pu.record_history(store, "R1")
    assert history.status == "revoked"
    last = history.events[-1]
    assert (last.action, last.from_status, last.to_status) == ("source_status", "under_objection", "revoked")
    assert last.by == f"load of bundle bundle (source: {w.rows['records.csv'][0]['authority']})"
    # 撤销: the record never counted, on any date
    rows = stored(store)
    assert set(rows.loc[rows["record_id"] == "R1", "final_state"]) == {"withdrawn"}
    assert not pu.restrictions(store, w.uscc["E"], dt.date(2023, 6, 1)).active
    w.load(store)
    assert w.report.corrections == {} and len(pu.record_history(store, "R1").events) == 2


def test_the_rederivation_after_a_correction_is_incremental_and_equals_a_full_rebuild(
    store: GraphStore, tmp_path: Path
) -> None:
    w = _world(tmp_path / "bundle")
    for i in range(5):  # records the correction must not touch
        w.ent(f"G{i}", established="2015-01-01")
        w.person(f"L{i}")
        w.role(f"L{i}", f"G{i}", "legal_rep", since="2016-01-01")
        w.record(f"X{i}", f"G{i}", "blacklist", act_date="2022-12-01", decision_date="2023-01-10")
    w.load(store)
    row = w.row("records.csv", record_id="R1")
    row["subject"], row["responsible"] = w.uscc["F"], "P2"
    w.load(store)
    done = w.report.restrictions
    assert done is not None and (done["mode"], done["records"]) == ("incremental", 1)
    assert w.report.corrections == {"subject": 1, "responsible": 1}
    now = stored(store)
    tasks = sorted(
        (t.task_id, str(t.created_on)) for t in pu.tasks(store, unanswered_only=False, limit=10**6).tasks
    )
    rebuilt = pu.rebuild_restrictions(store)
    pd.testing.assert_frame_equal(stored(store), now)
    assert rebuilt.tasks_created == 0
    assert (
        sorted(
            (t.task_id, str(t.created_on)) for t in pu.tasks(store, unanswered_only=False, limit=10**6).tasks
        )
        == tasks
    )
