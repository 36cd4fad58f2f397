"""Restrictions kept in the graph: derived for one record (propagation) or for all (rebuild).

Both paths read frames, call the one `derive()`, and write through the store. A restriction's
identity is `record|measure|role|target`, so the two paths write the same rows; tasks for
departments (004 §24) are created for restrictions in force on the day of propagation and never
re-created once they exist, so a department's report survives any rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from pydantic import BaseModel

from graph_credit.errors import NotFound
from graph_credit.model import DERIVED_NODE_KINDS, PropType
from graph_credit.punishment.catalogue import MeasureCatalogue, load_catalogue
from graph_credit.punishment.derive import (
    RESTRICTION_COLUMNS,
    events_frame,
    records_frame,
    responsible_frame,
    roles_frame,
    state_of,
)
from graph_credit.punishment.derive_one import derive_record, triggered
from graph_credit.punishment.frames import arrow_rows, arrow_table, py_date, to_date
from graph_credit.store.base import GraphStore, WriteStep

RESTRICTION_TYPES = {
    DERIVED_NODE_KINDS["Restriction"].key: PropType.STRING,
    **DERIVED_NODE_KINDS["Restriction"].properties,
}
TASK_TYPES = {DERIVED_NODE_KINDS["Task"].key: PropType.STRING, **DERIVED_NODE_KINDS["Task"].properties}
EDGE_TYPES = {"src": PropType.STRING, "dst": PropType.STRING, "eid": PropType.STRING}
_TARGET_QUERY = {"Person": "person", "Enterprise": "enterprise"}


class Propagation(BaseModel):
    record_id: str
    restrictions: int
    added: int
    removed: int
    unchanged: int
    tasks_created: int


def _catalogue(catalogue: MeasureCatalogue | None) -> MeasureCatalogue:
    return catalogue if catalogue is not None else load_catalogue()


def record_inputs(
    store: GraphStore, record_id: str, catalogue: MeasureCatalogue
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The derivation inputs of one record as rows, reading only what its measures need."""
    rows = store.read("punishment/record_one", record_id=record_id)
    if not rows:
        raise NotFound(f"record {record_id!r}: no such credit record (or it has no subject)")
    record = rows[0]
    events = store.read("punishment/events_of", record_id=record_id)
    return (record, events, *related_inputs(store, record, catalogue))


def related_inputs(
    store: GraphStore, record: dict[str, Any], catalogue: MeasureCatalogue
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The role edges of the record's subject and the persons named on it, where its measures
    reach them (a record whose measures name only the subject needs neither)."""
    hit = [m for m in catalogue.punishment if triggered(m.triggers, record)]
    wanted = {t for m in hit for t in m.targets}
    roles: list[dict[str, Any]] = []
    if wanted - {"subject", "responsible"} and record.get("subject_kind") == "Enterprise":
        roles = store.read("punishment/roles_of", uscc=record["subject_key"])
    responsible: list[dict[str, Any]] = []
    if "responsible" in wanted or any(m.responsible_only for m in hit):
        responsible = store.read("punishment/responsible_of", record_id=record["record_id"])
    return roles, responsible


def record_frames(store: GraphStore, record_id: str, catalogue: MeasureCatalogue) -> tuple[pd.DataFrame, ...]:
    """The four derivation inputs of one record as the frames `derive()` takes."""
    record, events, roles, responsible = record_inputs(store, record_id, catalogue)
    return records_frame([record]), events_frame(events), roles_frame(roles), responsible_frame(responsible)


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    """Restrictions as plain strings, to compare what is stored with what is derived."""
    out = pd.DataFrame(index=df.index)
    for c in RESTRICTION_COLUMNS:
        t = RESTRICTION_TYPES[c]
        s = df[c] if c in df.columns else pd.Series(None, index=df.index)
        if t == PropType.DATE:
            ts = pd.to_datetime(s, errors="coerce")
            out[c] = ts.dt.strftime("%Y-%m-%d").fillna("")
        elif t == PropType.BOOL:
            out[c] = s.fillna(False).astype(bool).astype(str)
        else:
            out[c] = s.astype(object).where(s.notna(), "").astype(str)
    return out.sort_values("rid").reset_index(drop=True)


def _write_restrictions(store: GraphStore, rows: pd.DataFrame) -> None:
    for kind, part in rows.groupby("target_kind", sort=True):
        store.bulk_write(
            f"punishment/restriction_insert_{_TARGET_QUERY[str(kind)]}", arrow_table(part, RESTRICTION_TYPES)
        )


def comparable_row(row: dict[str, Any]) -> tuple[str, ...]:
    """A restriction as plain strings, to compare what is stored with what is derived."""
    out = []
    for c in RESTRICTION_COLUMNS:
        v, t = row.get(c), RESTRICTION_TYPES[c]
        if t == PropType.DATE:
            d = py_date(v)
            out.append(d.isoformat() if d else "")
        elif t == PropType.BOOL:
            out.append(str(bool(v)))
        else:
            out.append("" if v is None else str(v))
    return tuple(out)


def task_rows(restrictions: list[dict[str, Any]], existing: set[str], on: dt.date) -> list[dict[str, Any]]:
    """`new_tasks` for the rows of one record."""
    out: dict[str, dict[str, Any]] = {}
    for r in restrictions:
        if state_of(r, on) != "active":
            continue
        for dept in (r.get("departments") or "").split("; "):
            task_id = f"{r['record_id']}|{r['measure_code']}|{r['target_key']}|{dept}"
            if not dept or task_id in existing:
                continue
            if task_id in out and out[task_id]["restriction_id"] <= r["rid"]:
                continue  # one person reached in two roles by one measure: one task, the same as a rebuild's
            out[task_id] = {
                "task_id": task_id,
                "restriction_id": r["rid"],
                "record_id": r["record_id"],
                "measure_code": r["measure_code"],
                "target_kind": r["target_kind"],
                "target_key": r["target_key"],
                "target_name": r["target_name"],
                "department": dept,
                "created_on": on,
                "answered_on": None,
                "answered_by": None,
                "action": None,
            }
    return list(out.values())


def propagate(
    store: GraphStore,
    record_id: str,
    *,
    on: dt.date | str | None = None,
    catalogue: MeasureCatalogue | None = None,
) -> Propagation:
    """Derive one record's restrictions again and store what changed; push new ones as tasks.

    The stored rows change in one transaction (delete, insert, tasks), so a reader sees the old
    restrictions or the new ones, never a record half propagated."""
    cat = _catalogue(catalogue)
    record, events, roles, responsible = record_inputs(store, record_id, cat)
    return propagate_rows(store, record, events, roles, responsible, on=to_date(on, "on"), catalogue=cat)


def propagate_rows(
    store: GraphStore,
    record: dict[str, Any],
    events: list[dict[str, Any]],
    roles: list[dict[str, Any]],
    responsible: list[dict[str, Any]],
    *,
    on: dt.date,
    catalogue: MeasureCatalogue,
    first: Sequence[WriteStep] = (),
) -> Propagation:
    """`propagate` from inputs already read; `first` are writes committed with it, all or none
    (a lifecycle event and the restrictions it changes)."""
    record_id = record["record_id"]
    derived = derive_record(record, events, roles, responsible, catalogue)
    stored = store.read("punishment/restrictions_of_record", record_id=record_id)
    new = {r["rid"]: comparable_row(r) for r in derived}
    old = {r["rid"]: comparable_row(r) for r in stored}
    steps: list[WriteStep] = list(first)
    if new != old:
        if old:
            steps.append(("punishment/restrictions_delete_record", {"record_id": record_id}))
        for kind in sorted({r["target_kind"] for r in derived}):
            part = [r for r in derived if r["target_kind"] == kind]
            steps.append(
                (f"punishment/restriction_insert_{_TARGET_QUERY[kind]}", arrow_rows(part, RESTRICTION_TYPES))
            )
    tasks: list[dict[str, Any]] = []
    if any(state_of(r, on) == "active" for r in derived):
        existing = {r["task_id"] for r in store.read("punishment/task_ids_of_record", record_id=record_id)}
        tasks = task_rows(derived, existing, on)
        if tasks:
            steps.append(("punishment/task_insert", arrow_rows(tasks, TASK_TYPES)))
    store.write_many(steps)
    return Propagation(
        record_id=record_id,
        restrictions=len(derived),
        added=len(new.keys() - old.keys()),
        removed=len(old.keys() - new.keys()),
        unchanged=sum(1 for k, v in new.items() if old.get(k) == v),
        tasks_created=len(tasks),
    )
