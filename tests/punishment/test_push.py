"""Pushing restrictions to departments (004 §24): once, on the day a restriction is found in force,
kept across re-derivations; a task's node is its department's answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph_credit import punishment as pu
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.schema import ladybug_ddl
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore
from tests.support.world import World


def _one_record(folder: Path, store: GraphStore, record_id: str = "B1", **record: str) -> World:
    w = World(folder)
    e = w.ent("E", established="2000-01-01")
    w.person("L")
    w.role("L", e, "legal_rep", "2010-01-01", "")
    w.record(record_id, e, "blacklist", act_date="2022-01-01", valid_until="2030-01-01", **record)
    return w.load(store, derive=False)


def _open(store: GraphStore) -> dict[str, dt.date | None]:
    return {t.task_id: t.created_on for t in pu.tasks(store, limit=100_000).tasks}


def test_a_restriction_not_yet_in_force_is_pushed_by_the_propagation_that_finds_it_in_force(
    store: GraphStore, tmp_path: Path
) -> None:
    _one_record(tmp_path / "b", store, decision_date="2023-05-01")
    early = pu.propagate(store, "B1", on="2023-04-01")  # decided on 05-01: nothing in force yet
    assert early.restrictions > 0 and early.tasks_created == 0 and not _open(store)
    first = pu.propagate(store, "B1", on="2023-05-03")
    tasks = _open(store)
    assert first.tasks_created == len(tasks) > 0
    assert set(tasks.values()) == {dt.date(2023, 5, 3)}  # pushed the day it was found in force
    again = pu.propagate(store, "B1", on="2023-06-01")
    assert again.tasks_created == 0 and again.added == again.removed == 0
    rebuilt = pu.rebuild_restrictions(store, on="2023-07-01")
    assert rebuilt.tasks_created == 0 and _open(store) == tasks  # a rebuild keeps each push date


def test_a_report_is_kept_as_the_tasks_node_and_never_overwritten(store: GraphStore, tmp_path: Path) -> None:
    _one_record(tmp_path / "b", store, decision_date="2023-05-01")
    pu.propagate(store, "B1", on="2023-05-03")
    task = sorted(_open(store))[0]
    with pytest.raises(InvalidInput, match="before the task was pushed"):
        pu.report_task(store, task, by="执行局", on="2023-05-02", action="已限制")
    done = pu.report_task(store, task, by="执行局", on="2023-05-10", action="已限制")
    assert (done.answered_on, done.answered_by, done.created_on) == (
        dt.date(2023, 5, 10),
        "执行局",
        dt.date(2023, 5, 3),
    )
    assert task not in _open(store)
    every = {t.task_id: t for t in pu.tasks(store, unanswered_only=False, limit=100_000).tasks}
    assert every[task].action == "已限制" and len(every) == len(_open(store)) + 1
    with pytest.raises(InvalidInput, match="already answered"):
        pu.report_task(store, task, by="另一部门", on="2023-05-11", action="again")
    pu.rebuild_restrictions(store, on="2023-07-01")
    assert pu.tasks(store, unanswered_only=False, limit=100_000).tasks == list(every.values())
    with pytest.raises(NotFound, match="no such task"):
        pu.report_task(store, "B1|NOPE|x|区人民法院", by="执行局", on="2023-05-10", action="x")


def test_a_task_of_a_record_whose_id_holds_the_separator_is_found(store: GraphStore, tmp_path: Path) -> None:
    _one_record(tmp_path / "b", store, record_id="B|1", decision_date="2023-05-01")
    pu.propagate(store, "B|1", on="2023-05-03")
    task = sorted(_open(store))[0]
    assert task.startswith("B|1|")
    assert pu.report_task(store, task, by="执行局", on="2023-05-10", action="已限制").record_id == "B|1"


def test_a_database_from_before_push_dates_keeps_its_task_nodes_and_gains_the_column(tmp_path: Path) -> None:
    db = tmp_path / "old.lbug"
    old = EmbeddedStore(db, buffer_pool_mb=256)
    # the Restriction table as it was created before push dates, with no such column
    create = ladybug_ddl().splitlines()
    table = next(s for s in create if s.startswith("CREATE NODE TABLE IF NOT EXISTS Restriction"))
    old.run_text(table.replace(", pushed_on DATE", "").rstrip(";"))
    old.close()
    old = EmbeddedStore(db, buffer_pool_mb=256)  # a writable store opening it adds the column
    assert "pushed_on" in {r["name"] for r in old.run_text("CALL table_info('Restriction') RETURN *")}
    old.ensure_schema()
    _one_record(tmp_path / "b", old, decision_date="2023-05-01")
    pu.propagate(old, "B1", on="2023-05-03")
    tasks = _open(old)
    # as the earlier releases stored them: no push date, one unanswered node per task
    old.run_text("MATCH (x:Restriction) SET x.pushed_on = NULL")
    assert not _open(old)  # no push date and no node: nothing is listed
    for task_id in tasks:
        rec, measure, target, dept = task_id.split("|")
        old.run_text(
            "MATCH (c:CreditRecord {record_id: $rec}) "
            "CREATE (t:Task {task_id: $id, restriction_id: '', record_id: $rec, measure_code: $m, "
            "target_kind: '', target_key: $k, target_name: '', department: $d, created_on: date('2023-05-04')})"
            "-[:TASK_OF {eid: $id}]->(c)",
            {"rec": rec, "id": task_id, "m": measure, "k": target, "d": dept},
        )
    assert set(_open(old).values()) == {dt.date(2023, 5, 4)} and set(_open(old)) == set(tasks)
    pu.propagate(old, "B1", on="2023-06-01")  # stamps the rows; each task is still listed once
    assert _open(old) == dict.fromkeys(tasks, dt.date(2023, 5, 4))
    first = sorted(tasks)[0]
    assert pu.report_task(old, first, by="执行局", on="2023-06-02", action="已限制").answered_on == dt.date(
        2023, 6, 2
    )
    with pytest.raises(InvalidInput, match="already answered"):
        pu.report_task(old, first, by="执行局", on="2023-06-03", action="again")
    assert first not in _open(old) and len(_open(old)) == len(tasks) - 1
    old.close()
