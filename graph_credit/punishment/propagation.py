"""Restrictions kept in the graph: derived for one record (propagation) or for all (rebuild).

Both paths read frames, call the one `derive()`, and write through the store. A restriction's
identity is `record|measure|role|target`, so the two paths write the same rows. A restriction in
force on the day of propagation is pushed to its departments (004 §24) that day, once: the push
date is kept on the row across every re-derivation (graph_credit.punishment.push).
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
from graph_credit.punishment.controllers import controller_roles
from graph_credit.punishment.derive import (
    PUSHED_ON,
    RESTRICTION_COLUMNS,
    events_frame,
    records_frame,
    responsible_frame,
    roles_frame,
)
from graph_credit.punishment.derive_one import derive_record, triggered
from graph_credit.punishment.frames import arrow_rows, py_date, to_date
from graph_credit.punishment.push import stamp_rows
from graph_credit.punishment.query_names import BY_KIND
from graph_credit.store.base import GraphStore, WriteStep

RESTRICTION_TYPES = {
    DERIVED_NODE_KINDS["Restriction"].key: PropType.STRING,
    **DERIVED_NODE_KINDS["Restriction"].properties,
}
EDGE_TYPES = {"src": PropType.STRING, "dst": PropType.STRING, "eid": PropType.STRING}


class Propagation(BaseModel):
    record_id: str
    restrictions: int
    added: int
    removed: int
    unchanged: int
    tasks_created: int  # tasks pushed to departments by this propagation


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
        roles += controller_roles(store, [record], catalogue)
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


def propagate(
    store: GraphStore,
    record_id: str,
    *,
    on: dt.date | str | None = None,
    catalogue: MeasureCatalogue | None = None,
) -> Propagation:
    """Derive one record's restrictions again and store what changed; push those now in force.

    The stored rows change in one transaction (delete, insert), so a reader sees the old
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
    pushed = stamp_rows(derived, {r["rid"]: r.get(PUSHED_ON) for r in stored}, on)

    # A row pushed since it was stored is a changed row: its push date is written with it. With
    # nothing stored (a new record) every row is new and none needs comparing.
    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        return (comparable_row(r), py_date(r.get(PUSHED_ON))) if stored else ()

    new = {r["rid"]: key(r) for r in derived}
    old = {r["rid"]: key(r) for r in stored}
    steps: list[WriteStep] = list(first)
    if new != old:
        if old:
            steps.append(("punishment/restrictions_delete_record", {"record_id": record_id}))
        for kind in sorted({r["target_kind"] for r in derived}):
            part = [r for r in derived if r["target_kind"] == kind]
            steps.append((BY_KIND[kind].restriction_insert, arrow_rows(part, RESTRICTION_TYPES)))
    store.write_many(steps)
    return Propagation(
        record_id=record_id,
        restrictions=len(derived),
        added=len(new.keys() - old.keys()),
        removed=len(old.keys() - new.keys()),
        unchanged=sum(1 for k, v in new.items() if old.get(k) == v),
        tasks_created=pushed,
    )
