"""A credit record's lifecycle: every transition an append-only event (who, when, on what basis,
from which status to which), the record's status a cache of its history, and its restrictions
derived again after each transition.

active → under_objection (measures suspended while it is checked, 004 §27)
       → corrected | revoked (objection upheld: restrictions withdrawn, reputation restored)
       → active (objection rejected)
active → repaired (only if repairable, 004 §26; then key monitoring, 004 §20)
active | under_objection → expired (at valid_until; publication ends with it, 004 §25)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import pandas as pd
from pydantic import BaseModel

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.model import CORRECTION_ACTIONS, NODE_KINDS, PropType, RecordKind, RecordStatus
from graph_credit.punishment.catalogue import MeasureCatalogue, load_catalogue
from graph_credit.punishment.frames import arrow_table, py_date, to_date
from graph_credit.punishment.lookup import subject_kind
from graph_credit.punishment.propagation import EDGE_TYPES, Propagation, propagate_rows, related_inputs
from graph_credit.punishment.query_names import BY_KIND
from graph_credit.punishment.views import RecordEventView, RecordHistory
from graph_credit.store.base import GraphStore

_RECORD_TYPES = {
    "record_id": PropType.STRING,
    **NODE_KINDS["CreditRecord"].properties,
    "subject_key": PropType.STRING,
    "eid": PropType.STRING,
}


class Transition(BaseModel):
    record_id: str
    event_id: str
    action: str
    from_status: str | None
    to_status: str
    on: dt.date
    note: str
    propagation: Propagation


def _record(store: GraphStore, record_id: str) -> dict:
    rows = store.read("punishment/record_one", record_id=record_id)
    if not rows:
        raise NotFound(f"record {record_id!r}: no such credit record")
    return rows[0]


def _need(value: str | None, field: str, record_id: str) -> str:
    if value is None or not str(value).strip():
        raise InvalidInput(f"record {record_id}: {field} is required (who acted and on what basis is kept)")
    return str(value).strip()


def _append(
    store: GraphStore,
    record: dict,
    *,
    action: str,
    to_status: str,
    by: str,
    on: dt.date,
    basis: str,
    note: str,
    catalogue: MeasureCatalogue | None,
) -> Transition:
    record_id = record["record_id"]
    history = store.read("punishment/events_of", record_id=record_id)
    # A correction a load recorded explains a change of the record, not of its status: it does
    # not stop a transition being recorded as of the day it happened.
    dated = [e for e in history if e.get("on_date") and e.get("action") not in CORRECTION_ACTIONS]
    last_on = max((py_date(e["on_date"]) for e in dated), default=None)
    if last_on and on < last_on:
        raise InvalidInput(f"record {record_id}: on {on} is before its last transition on {last_on}")
    decided = py_date(record.get("decision_date"))
    if decided and on < decided and action != "created":
        raise InvalidInput(f"record {record_id}: on {on} is before its decision date {decided}")
    until = py_date(record.get("valid_until"))
    if until and on > until and action not in ("expiry", "created"):
        raise InvalidInput(
            f"record {record_id}: its validity ended on {until}, before {on}; it is expired "
            "(expire_records marks it so) and can no longer change"
        )
    seq = len(history) + 1
    event_id = f"{record_id}#{seq:03d}"
    event = {
        "record_id": record_id,
        "event_id": event_id,
        "seq": seq,
        "action": action,
        "from_status": record.get("status"),
        "to_status": to_status,
        "actor": by,
        "on_date": on,
        "basis": basis,
        "note": note,
        "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    # The event and the restrictions it changes are committed together: derived from the
    # history as it will be, so no reader sees the one without the other.
    cat = catalogue if catalogue is not None else load_catalogue()
    after = {**record, "status": to_status}
    result = propagate_rows(
        store,
        after,
        [*history, event],
        *related_inputs(store, after, cat),
        on=on,
        catalogue=cat,
        first=[("punishment/event_add", event)],
    )
    return Transition(
        record_id=record_id,
        event_id=event_id,
        action=action,
        from_status=record.get("status"),
        to_status=to_status,
        on=on,
        note=note,
        propagation=result,
    )


def _expect(record: dict, allowed: Iterable[str], action: str) -> None:
    allowed = tuple(allowed)
    if record.get("status") not in allowed:
        raise InvalidInput(
            f"record {record['record_id']}: cannot {action} a record whose status is "
            f"{record.get('status')!r} (only {' or '.join(allowed)})"
        )


def file_objection(
    store: GraphStore,
    record_id: str,
    *,
    by: str,
    on: dt.date | str,
    basis: str,
    catalogue: MeasureCatalogue | None = None,
) -> Transition:
    """An objection (异议) is filed: the record's measures are suspended while it is checked (004 §27)."""
    rec = _record(store, record_id)
    _expect(rec, ["active"], "file an objection against")
    return _append(
        store,
        rec,
        action="objection",
        to_status=RecordStatus.UNDER_OBJECTION.value,
        by=_need(by, "by", record_id),
        on=to_date(on, "on"),
        basis=_need(basis, "basis", record_id),
        note="measures suspended while the information is checked (004 §27)",
        catalogue=catalogue,
    )


def decide_objection(
    store: GraphStore,
    record_id: str,
    *,
    upheld: bool,
    outcome: Literal["corrected", "revoked"] | None = None,
    by: str,
    on: dt.date | str,
    basis: str,
    catalogue: MeasureCatalogue | None = None,
) -> Transition:
    """The objection is decided: upheld (record corrected or revoked, restrictions withdrawn,
    reputation restored) or rejected (back to active, measures resume)."""
    rec = _record(store, record_id)
    _expect(rec, ["under_objection"], "decide an objection on")
    if upheld and outcome not in ("corrected", "revoked"):
        raise InvalidInput(f"record {record_id}: an upheld objection needs outcome 'corrected' or 'revoked'")
    if not upheld and outcome is not None:
        raise InvalidInput(f"record {record_id}: a rejected objection has no outcome (got {outcome!r})")
    to_status = outcome if upheld else RecordStatus.ACTIVE.value
    note = (
        f"objection upheld: record {outcome}, its restrictions withdrawn; the subject's reputation is "
        "restored and the effects are to be removed (004 §27)"
        if upheld
        else "objection rejected: the record stands and its measures resume"
    )
    return _append(
        store,
        rec,
        action="objection_upheld" if upheld else "objection_rejected",
        to_status=str(to_status),
        by=_need(by, "by", record_id),
        on=to_date(on, "on"),
        basis=_need(basis, "basis", record_id),
        note=note,
        catalogue=catalogue,
    )


def repair_record(
    store: GraphStore,
    record_id: str,
    *,
    by: str,
    on: dt.date | str,
    basis: str,
    catalogue: MeasureCatalogue | None = None,
) -> Transition:
    """Credit repair (信用修复): ends the record's restrictions the day it is granted (004 §26), and
    the subject becomes a key monitoring object for the months its authority set (004 §20)."""
    rec = _record(store, record_id)
    if rec.get("repairable") is False:
        raise InvalidInput(
            f"record {record_id} cannot be repaired: its deciding authority "
            f"({rec.get('authority') or 'unknown'}) ruled it not repairable, as 004 §26 allows for "
            "particularly serious dishonesty (失信情况特别严重的不得修复信用); it ends only at expiry"
        )
    _expect(rec, ["active"], "repair")
    period = (catalogue if catalogue is not None else load_catalogue()).monitoring_period(rec)
    note = "credit repaired: restrictions end (004 §26)" + (
        f"; key monitoring object for {period.months} months"
        + (" (the catalogue's default period: the authority set none)" if period.default else "")
        + " (004 §20)"
        if period
        else ""
    )
    return _append(
        store,
        rec,
        action="repair",
        to_status=RecordStatus.REPAIRED.value,
        by=_need(by, "by", record_id),
        on=to_date(on, "on"),
        basis=_need(basis, "basis", record_id),
        note=note,
        catalogue=catalogue,
    )


def expire_records(
    store: GraphStore,
    on: dt.date | str,
    *,
    by: str = "platform",
    catalogue: MeasureCatalogue | None = None,
) -> list[Transition]:
    """Mark every record whose validity ended before `on` expired; each expiry is dated the day
    after its valid_until, so restrictions end on the right day whenever this runs."""
    day = to_date(on, "on")
    due = store.read("punishment/records_due_to_expire", day=day)
    out = []
    for row in sorted(due, key=lambda r: r["record_id"]):
        rec = _record(store, row["record_id"])
        until = py_date(rec.get("valid_until"))
        assert until is not None
        out.append(
            _append(
                store,
                rec,
                action="expiry",
                to_status=RecordStatus.EXPIRED.value,
                by=by,
                on=until + dt.timedelta(days=1),
                basis=f"validity ended on {until} (004 §25: publication lasts as long as validity)",
                note="expired: restrictions and publication end",
                catalogue=catalogue,
            )
        )
    return out


def activate_record(
    store: GraphStore,
    record_id: str,
    *,
    by: str,
    on: dt.date | str,
    basis: str,
    catalogue: MeasureCatalogue | None = None,
) -> Transition:
    """Record that an active record (e.g. one loaded from a bundle) is pushed for joint punishment."""
    rec = _record(store, record_id)
    _expect(rec, ["active"], "activate")
    return _append(
        store,
        rec,
        action="activated",
        to_status=RecordStatus.ACTIVE.value,
        by=_need(by, "by", record_id),
        on=to_date(on, "on"),
        basis=_need(basis, "basis", record_id),
        note="record active: measures propagated to its targets",
        catalogue=catalogue,
    )


def add_record(
    store: GraphStore,
    *,
    record_id: str,
    subject: str,
    kind: str,
    authority: str,
    decision_date: dt.date | str,
    by: str,
    basis: str = "",
    act_date: dt.date | str | None = None,
    valid_until: dt.date | str | None = None,
    category: str = "",
    level: str | None = None,
    repairable: bool = True,
    monitoring_months: int | None = None,
    responsible: Iterable[str] = (),
    summary: str = "",
    on: dt.date | str | None = None,
    catalogue: MeasureCatalogue | None = None,
) -> Transition:
    """Create a credit record (subject: USCC or person key; responsible: person keys), record its
    creation, and propagate its restrictions."""
    rid = _need(record_id, "record_id", record_id or "(new)")
    try:
        kind_v = RecordKind(kind).value
    except ValueError:
        raise InvalidInput(
            f"record {rid}: kind {kind!r} is not one of {', '.join(k.value for k in RecordKind)}"
        ) from None
    if kind_v == RecordKind.TAX_CREDIT.value and level not in ("A", "B", "C", "D", "M"):
        raise InvalidInput(f"record {rid}: a tax_credit record needs its level (A, B, C, D or M)")
    decided = to_date(decision_date, "decision_date")
    act = to_date(act_date, "act_date") if act_date is not None else None
    valid = to_date(valid_until, "valid_until") if valid_until is not None else None
    if act and act > decided:
        raise InvalidInput(f"record {rid}: act_date {act} is after decision_date {decided}")
    if valid and valid < decided:
        raise InvalidInput(f"record {rid}: valid_until {valid} is before decision_date {decided}")
    if monitoring_months is not None and monitoring_months < 0:
        raise InvalidInput(f"record {rid}: monitoring_months must be a whole number of months ≥ 0")
    if store.read("punishment/record_exists", record_id=rid):
        raise InvalidInput(f"record {rid}: a record with this id exists")
    skind, skey = subject_kind(subject)
    if not store.read(BY_KIND[skind].subject, key=skey):
        raise NotFound(f"record {rid}: subject {subject!r} is no known enterprise or person")
    named = list(dict.fromkeys(responsible))
    for p in named:
        if not store.read("punishment/subject_person", key=p):
            raise NotFound(f"record {rid}: responsible person {p!r} is not a known person key")
    who = _need(by, "by", rid)
    row = {
        "record_id": rid,
        "kind": kind_v,
        "category": category or None,
        "level": level,
        "authority": _need(authority, "authority", rid),
        "basis": basis or None,
        "act_date": act,
        "decision_date": decided,
        "valid_until": valid,
        "repairable": bool(repairable),
        "status": RecordStatus.ACTIVE.value,
        "monitoring_months": monitoring_months,
        "summary": summary or None,
        "subject_key": skey,
        "eid": f"S|{skey}|{rid}",
    }
    store.bulk_write(BY_KIND[skind].record_add, arrow_table(pd.DataFrame([row]), _RECORD_TYPES))
    if named:
        edges = pd.DataFrame({"src": named, "dst": rid, "eid": [f"R|{p}|{rid}" for p in named]})
        store.bulk_write("punishment/responsible_add", arrow_table(edges, EDGE_TYPES))
    rec = _record(store, rid)
    rec["status"] = None
    return _append(
        store,
        rec,
        action="created",
        to_status=RecordStatus.ACTIVE.value,
        by=who,
        on=to_date(on, "on") if on is not None else decided,
        basis=basis or f"decision of {authority} on {decided}",
        note="record created active: measures propagated to its targets",
        catalogue=catalogue,
    )


def record_history(store: GraphStore, record_id: str) -> RecordHistory:
    rec = _record(store, record_id)
    events = store.read("punishment/events_of", record_id=record_id)
    n = len(store.read("punishment/restrictions_of_record", record_id=record_id))
    return RecordHistory(
        record_id=record_id,
        kind=rec.get("kind") or "",
        status=rec.get("status") or "",
        repairable=rec.get("repairable") is not False,
        events=[
            RecordEventView(
                event_id=e["event_id"],
                seq=int(e["seq"]),
                action=e["action"],
                from_status=e.get("from_status"),
                to_status=e["to_status"],
                by=e.get("actor") or "",
                on=py_date(e.get("on_date")),
                basis=e.get("basis") or "",
                note=e.get("note") or "",
                recorded_at=e.get("recorded_at") or "",
            )
            for e in events
        ],
        restrictions=n,
    )
