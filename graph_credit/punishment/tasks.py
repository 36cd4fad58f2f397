"""Trigger → response → feedback (004 §24) and tracking (004 §28).

Each restriction in force is pushed as a task to each of its implementing departments; a
department reports what it did; what is unanswered is listed with its age. Tracking counts
restrictions by measure, department, record kind and state, by the month they started.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.punishment.derive import state_at
from graph_credit.punishment.frames import py_date, to_date
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
    rows = store.read(
        "punishment/tasks_list", department=department or "", unanswered_only=unanswered_only, limit=limit
    )
    return TaskList(as_of=day, department=department, tasks=[_task(r, day) for r in rows])


def report_task(store: GraphStore, task_id: str, *, by: str, on: dt.date | str, action: str) -> Task:
    """A department reports what it did about a task (once: a report is never overwritten)."""
    rows = store.read("punishment/task_one", task_id=task_id)
    if not rows:
        raise NotFound(f"task {task_id!r}: no such task")
    if not (by or "").strip() or not (action or "").strip():
        raise InvalidInput(f"task {task_id}: a report needs by and action")
    if rows[0].get("answered_on") is not None:
        raise InvalidInput(
            f"task {task_id}: already answered on {py_date(rows[0]['answered_on'])} by "
            f"{rows[0].get('answered_by')}; a report is not overwritten"
        )
    day = to_date(on, "on")
    created = py_date(rows[0].get("created_on"))
    if created and day < created:
        raise InvalidInput(f"task {task_id}: report date {day} is before the task was pushed ({created})")
    store.write(
        "punishment/task_report",
        task_id=task_id,
        answered_on=day,
        answered_by=by.strip(),
        action=action.strip(),
    )
    return _task(store.read("punishment/task_one", task_id=task_id)[0], day)


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
    r = store.read_frame("punishment/restrictions_all")
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
        dept = r.assign(department=r["departments"].fillna("").str.split("; ")).explode("department")
        for dim, frame, col in (
            ("measure", r, "measure_code"),
            ("department", dept, "department"),
            ("record_kind", r, "record_kind"),
            ("state", r, "state"),
        ):
            counts = frame.groupby([col, "month"]).size()
            rows += [
                TrackingRow(dimension=dim, value=str(v), month=m, count=int(n))
                for (v, m), n in counts.items()
            ]
    t = store.read_frame("punishment/tasks_all")
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
