"""Trigger → response → feedback (004 §24) and tracking (004 §28).

Each restriction in force is pushed as a task to each of its implementing departments (the push
date is on the restriction: graph_credit.punishment.push); a department reports what it did, and
that report is the task's node; what is unanswered is listed with its age. Tracking counts
restrictions by measure, department, record kind and state, by the month they started.

A task whose restriction is no longer derived (its record was corrected so that it no longer
reaches that target) leaves the list unless it was answered: there is nothing left to do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.errors import EngineError, InvalidInput, NotFound
from graph_credit.punishment.derive import PUSHED_ON, state_at
from graph_credit.punishment.frames import arrow_rows, py_date, to_date
from graph_credit.punishment.push import TASK_TYPES, departments, task_table
from graph_credit.punishment.views import Task, TaskList, Tracking, TrackingRow
from graph_credit.store.base import GraphStore


def _task(row: dict, day: dt.date) -> Task:
    created = py_date(row.get("created_on"))
    answered = py_date(row.get("answered_on"))
    return Task(
        task_id=row["task_id"],
        restriction_id=row.get("restriction_id") or "",
        record_id=row.get("record_id") or "",
        measure_code=row.get("measure_code") or "",
        target_kind=row.get("target_kind") or "",
        target_key=row.get("target_key") or "",
        target_name=row.get("target_name") or "",
        department=row.get("department") or "",
        created_on=created,
        answered_on=answered,
        answered_by=row.get("answered_by"),
        action=row.get("action"),
        age_days=(day - created).days if created and not answered else None,
    )


def _all_tasks(store: GraphStore, department: str | None = None) -> pa.Table:
    """Every task pushed (to `department`, when named), answered or not: the pushed restrictions'
    tasks, each replaced by its node where a department answered it (or where it was pushed as a
    node, before push dates were kept on the restrictions)."""
    pushed = task_table(store.read_arrow("punishment/pushed_restrictions", department=department or ""))
    nodes = arrow_rows(store.read("punishment/tasks_all"), TASK_TYPES)
    if department:
        pushed = pushed.filter(pc.equal(pushed.column("department"), department))
        nodes = nodes.filter(pc.equal(nodes.column("department"), department))
    if nodes.num_rows:
        answered = pc.is_in(pushed.column("task_id"), value_set=nodes.column("task_id"))
        pushed = pa.concat_tables([pushed.filter(pc.invert(answered)), nodes])
    return pushed


def tasks(
    store: GraphStore,
    department: str | None = None,
    unanswered_only: bool = True,
    *,
    as_of: dt.date | str | None = None,
    limit: int = 1000,
) -> TaskList:
    """Tasks pushed to departments, oldest first, with how long each has been unanswered."""
    day = to_date(as_of)
    if limit < 1:
        raise InvalidInput(f"limit must be at least 1, not {limit}")
    t = _all_tasks(store, department)
    if unanswered_only:
        t = t.filter(pc.is_null(t.column("answered_on")))
    # sorted in Arrow and cut before any row becomes Python objects: a city has a million tasks
    first = pc.select_k_unstable(t, limit, [("created_on", "ascending"), ("task_id", "ascending")])
    rows = t.take(first).to_pylist()
    return TaskList(as_of=day, department=department, tasks=[_task(r, day) for r in rows])


def _find_task(store: GraphStore, task_id: str) -> tuple[dict[str, Any] | None, bool]:
    """A task by id, and whether it has a node: its node if it has one, else the pushed restriction
    it comes from. The id begins with the record's id, which may itself hold a `|`: each cut is
    tried, shortest first."""
    rows = store.read("punishment/task_one", task_id=task_id)
    if rows:
        return rows[0], True
    for at in (i for i, ch in enumerate(task_id) if ch == "|"):
        stored = store.read("punishment/restrictions_of_record", record_id=task_id[:at])
        pushed = [r for r in stored if r.get(PUSHED_ON) is not None]
        if not pushed:
            continue
        found = task_table(pd.DataFrame(pushed)).to_pylist()
        hit = [t for t in found if t["task_id"] == task_id]
        if hit:
            return hit[0], False
    return None, False


def report_task(store: GraphStore, task_id: str, *, by: str, on: dt.date | str, action: str) -> Task:
    """A department reports what it did about a task (once: a report is never overwritten)."""
    task, has_node = _find_task(store, task_id)
    if task is None:
        raise NotFound(f"task {task_id!r}: no such task")
    if not (by or "").strip() or not (action or "").strip():
        raise InvalidInput(f"task {task_id}: a report needs by and action")
    if task.get("answered_on") is None:
        day = to_date(on, "on")
        created = py_date(task.get("created_on"))
        if created and day < created:
            raise InvalidInput(f"task {task_id}: report date {day} is before the task was pushed ({created})")
        report = {"answered_on": day, "answered_by": by.strip(), "action": action.strip()}
        # Two reports at once: the task's key lets one node in, and the update takes an unanswered one.
        try:
            if has_node:
                written = store.write("punishment/task_report", task_id=task_id, **report)
            else:
                written = store.write("punishment/task_answer", **{**task, "created_on": created, **report})
        except EngineError:
            if has_node or not store.read("punishment/task_one", task_id=task_id):
                raise
            written = []
        if written:
            return _task(store.read("punishment/task_one", task_id=task_id)[0], day)
        rows = store.read("punishment/task_one", task_id=task_id)
        if not rows:  # the record went between the read and the write
            raise NotFound(f"task {task_id!r}: its record is no longer there")
        task = rows[0]
    raise InvalidInput(
        f"task {task_id}: already answered on {py_date(task['answered_on'])} by "
        f"{task.get('answered_by')}; a report is not overwritten"
    )


def tracking(
    store: GraphStore,
    as_of: dt.date | str | None = None,
    *,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    monthly: bool = True,
) -> Tracking:
    """Counts of restrictions by measure, department, record kind and state (on `as_of`), and of
    tasks by department and answered or not; per month of start when `monthly`, else totals."""
    day = to_date(as_of)
    # the columns counted, as Arrow: a city has 700k restrictions, and every column costs in each step
    r = store.read_arrow("punishment/restrictions_tracked").to_pandas()
    rows: list[TrackingRow] = []
    if len(r):
        r["from_date"] = pd.to_datetime(r["from_date"])
        if since is not None:
            r = r[r["from_date"] >= pd.Timestamp(to_date(since, "since"))]
        if until is not None:
            r = r[r["from_date"] <= pd.Timestamp(to_date(until, "until"))]
        r = r.assign(state=state_at(r, day))
        r = r[r["state"] != "pending"]
        r["month"] = r["from_date"].dt.strftime("%Y-%m").fillna("") if monthly else ""
        for dim, col in (("measure", "measure_code"), ("record_kind", "record_kind"), ("state", "state")):
            counts = r.groupby([col, "month"]).size()
            rows += [
                TrackingRow(dimension=dim, value=str(v), month=m, count=int(n))
                for (v, m), n in counts.items()
            ]
        # by department: counted per list of departments (a measure's), then each list split once
        per_list = r.groupby([r["departments"].fillna(""), "month"]).size()
        by_department: dict[tuple[str, str], int] = {}
        for (listed, m), n in per_list.items():
            for d in departments(listed):
                by_department[d, m] = by_department.get((d, m), 0) + int(n)
        rows += [
            TrackingRow(dimension="department", value=d, month=m, count=n)
            for (d, m), n in sorted(by_department.items())
        ]
    t = _all_tasks(store).to_pandas(date_as_object=True)
    if len(t):
        t["month"] = pd.to_datetime(t["created_on"]).dt.strftime("%Y-%m").fillna("") if monthly else ""
        t["status"] = (
            t["department"].astype(str)
            + ": "
            + t["answered_on"].isna().map({True: "unanswered", False: "answered"})
        )
        counts = t.groupby(["status", "month"]).size()
        rows += [
            TrackingRow(dimension="task_status", value=str(v), month=m, count=int(n))
            for (v, m), n in counts.items()
        ]
    return Tracking(as_of=day, rows=rows)
