"""A bundle re-load re-derives only the records it touched, and ends where a full rebuild would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from graph_credit import punishment as pu
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore
from tests.punishment.test_rebuild import many_cases, stored
from tests.support.world import World


def _world(folder: Path) -> World:
    w = World(folder)
    for i in range(6):
        e = w.ent(f"E{i}", established="2000-01-01")
        w.person(f"P{i}")
        w.person(f"Q{i}")
        w.role(f"P{i}", e, "legal_rep", "2010-01-01", "")
        w.role(f"Q{i}", e, "director", "2012-01-01", "")
        w.record(
            f"R{i}a",
            e,
            "blacklist",
            decision_date="2023-05-01",
            act_date="2022-01-01",
            valid_until="2030-01-01",
        )
        w.record(f"R{i}b", e, "judgment_debtor", decision_date="2023-06-01", act_date="2022-02-01")
    return w


def _tasks(store: GraphStore) -> list[tuple[str, str, str]]:
    """Every task pushed, with the restriction it comes from and the day it was pushed."""
    every = pu.tasks(store, unanswered_only=False, limit=1_000_000).tasks
    return sorted((t.task_id, t.restriction_id, str(t.created_on)) for t in every)


def test_a_reload_changing_one_role_rederives_only_that_enterprise(store: GraphStore, tmp_path: Path) -> None:
    w = _world(tmp_path / "bundle").load(store, derive=True)
    first = w.report.restrictions
    assert first is not None and first["mode"] == "full"  # every record is new
    assert first["reason"] == "12 of 12 records affected, above 10,000 or 20%: full rebuild"
    # E0's legal representative left before the act date of its records; a successor took over
    w.row("roles.csv", person="P0", role="legal_rep")["until"] = "2021-12-31"
    w.person("S0")
    w.role("S0", "E0", "legal_rep", "2022-01-01", "")
    w.load(store, derive=True)
    again = w.report.restrictions
    assert again is not None and again["mode"] == "incremental", again
    assert again["records"] == 2  # R0a and R0b, nothing of the other five enterprises
    assert again["reason"] == "2 of 12 records affected"
    now = stored(store)
    reached = set(now.loc[now["role"] == "legal_rep", "target_key"])
    assert w.key("S0") in reached and w.key("P0") not in reached
    tasks = _tasks(store)
    rebuilt = pu.rebuild_restrictions(store)
    pd.testing.assert_frame_equal(stored(store), now)
    assert rebuilt.tasks_created == 0  # the re-derivation pushed every task a rebuild would
    assert _tasks(store) == tasks


def test_a_reload_that_changes_nothing_derives_nothing(store: GraphStore, tmp_path: Path) -> None:
    w = _world(tmp_path / "bundle").load(store, derive=True)
    w.load(store, derive=True)
    assert w.report.restrictions is None


def test_a_rebuild_pushes_the_tasks_incremental_propagation_pushes(tmp_path: Path) -> None:
    one = EmbeddedStore(tmp_path / "one.lbug", buffer_pool_mb=256)
    two = EmbeddedStore(tmp_path / "two.lbug", buffer_pool_mb=256)
    try:
        many_cases(tmp_path / "a", one)
        many_cases(tmp_path / "b", two)
        one.ensure_schema()
        ids = sorted(
            r["record_id"] for r in one.run_text("MATCH (c:CreditRecord) RETURN c.record_id AS record_id")
        )
        pushed = sum(pu.propagate(one, rid, on="2020-01-01").tasks_created for rid in ids)
        rebuilt = pu.rebuild_restrictions(two, on="2020-01-01")
        assert len(_tasks(one)) > 20
        assert _tasks(two) == _tasks(one)
        assert pushed == rebuilt.tasks_created == len(_tasks(one))  # both count what they push
    finally:
        one.close()
        two.close()


def test_a_reload_renaming_a_person_and_an_enterprise_renames_their_restrictions_and_tasks(
    store: GraphStore, tmp_path: Path
) -> None:
    w = _world(tmp_path / "bundle").load(store, derive=True)
    person, ent = w.key("P0"), w.uscc["E0"]
    answered = next(t for t in pu.tasks(store, limit=1_000_000).tasks if t.target_key == person)
    pu.report_task(store, answered.task_id, by="执行局", on=dt.date.today(), action="已限制")
    w.row("persons.csv", ref="P0")["name"] = "张新名"
    w.row("enterprises.csv", uscc=ent)["name"] = "新名有限公司"
    w.load(store, derive=True)
    assert w.report.restrictions is None  # no record needs deriving again: a name is no input
    now = stored(store)
    assert set(now.loc[now["target_key"] == person, "target_name"]) == {"张新名"}
    assert set(now.loc[now["target_key"] == ent, "target_name"]) == {"新名有限公司"}
    assert set(now.loc[~now["target_key"].isin([person, ent]), "target_name"]) >= {"P1", "E1"}
    every = pu.tasks(store, unanswered_only=False, limit=1_000_000).tasks
    tasks = {(t.target_key, t.target_name) for t in every}
    assert (person, "张新名") in tasks and (ent, "新名有限公司") in tasks
    assert not {k for k, name in tasks if k in (person, ent) and name in ("P0", "E0")}
    report = store.read("punishment/task_one", task_id=answered.task_id)[0]  # the answer's own copy
    assert report["target_name"] == "张新名" and report["action"] == "已限制"
    pu.rebuild_restrictions(store)
    pd.testing.assert_frame_equal(stored(store), now)
