"""The derivation for one record, in plain Python: what `derive()` gives for a frame of one record.

Propagation runs on every record change, where the frames of `derive()` cost more than the engine
reads and writes around them (pandas pays tens of milliseconds to set up merges of one row). The
rules are the same, written once more for a single record; the tests derive every record of
many-case worlds both ways and require the same rows, so the two cannot drift apart.

Dates are `datetime.date` (None when unknown); rows are dicts keyed by the Restriction columns.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from graph_credit.model import VOID_STATUSES
from graph_credit.punishment.catalogue import MeasureCatalogue, Trigger
from graph_credit.punishment.derive import RESTRICTION_COLUMNS
from graph_credit.punishment.frames import py_date

ONE_DAY = dt.timedelta(days=1)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, the day clipped to the month's end (as pandas' DateOffset does)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months_after(day: dt.date | None, months: int) -> dt.date | None:
    return None if day is None else add_months(day, months) - ONE_DAY


def timeline(record: dict[str, Any], events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """`timelines()` for one record: status, suspended, final_state, final_since, final_reason."""
    status = record.get("status")
    status = "active" if status is None else status
    valid_until = py_date(record.get("valid_until"))
    out: dict[str, Any] = {
        "status": status,
        "suspended": "/" if status == "under_objection" else "",
        "final_state": "",
        "final_since": None,
        "final_reason": "",
    }
    if status in VOID_STATUSES:
        out["final_state"] = "withdrawn"
        out["final_reason"] = f"status {status} loaded from the source; date not recorded"
    elif status == "repaired":
        out["final_state"] = "ended"
        out["final_reason"] = "repaired (status loaded from the source; date not recorded)"
    elif status == "expired":
        out["final_state"] = "ended"
        out["final_since"] = valid_until + ONE_DAY if valid_until else None
        out["final_reason"] = "expired (validity ended)" if valid_until else "expired (date not recorded)"
    ev = sorted(events, key=lambda e: int(e["seq"]))
    if not ev:
        return out
    last = ev[-1]
    st, on = last["to_status"], py_date(last.get("on_date"))
    # Events replace whatever the loaded status implied.
    out.update(status=st, suspended="", final_state="", final_since=None, final_reason="")
    intervals = []
    for i, e in enumerate(ev):
        if e["action"] == "objection":
            start = py_date(e.get("on_date"))
            end = py_date(ev[i + 1].get("on_date")) if i + 1 < len(ev) else None
            intervals.append(f"{start.isoformat() if start else ''}/{end.isoformat() if end else ''}")
    if intervals:
        out["suspended"] = ";".join(intervals)
    if st in VOID_STATUSES:
        out.update(final_state="withdrawn", final_since=on)
        out["final_reason"] = f"objection upheld: record {st}; reputation restored"
    elif st == "repaired":
        out.update(final_state="ended", final_since=on, final_reason="credit repaired")
    elif st == "expired":
        out.update(final_state="ended", final_since=on, final_reason="expired (validity ended)")
    return out


def triggered(triggers: tuple[Trigger, ...], record: dict[str, Any]) -> bool:
    return any(
        record.get("kind") == t.kind.value
        and (not t.levels or record.get("level") in t.levels)
        and (not t.categories or _text(record.get("category")) in t.categories)
        for t in triggers
    )


def _held_on(role: dict[str, Any], day: dt.date | None) -> bool:
    since, until = py_date(role.get("since")), py_date(role.get("until"))
    if since is not None and (day is None or since > day):
        return False
    return until is None or (day is not None and until >= day)


def derive_record(
    record: dict[str, Any],
    events: Iterable[dict[str, Any]],
    roles: Iterable[dict[str, Any]],
    responsible: Iterable[dict[str, Any]],
    catalogue: MeasureCatalogue,
) -> list[dict[str, Any]]:
    """Every restriction one record implies, as `derive()` gives them for it (sorted by rid).

    `record` is a row of `punishment/record_one`; `events`, `roles` and `responsible` are the
    rows of `events_of`, `roles_of` (of the subject enterprise) and `responsible_of`."""
    record_id = record["record_id"]
    tl = timeline(record, events)
    act, decided = py_date(record.get("act_date")), py_date(record.get("decision_date"))
    valid_until = py_date(record.get("valid_until"))
    role_date = act if act is not None else decided
    subject_kind, subject_key = record.get("subject_kind"), record.get("subject_key")
    via = subject_key if subject_kind == "Enterprise" else None
    named = list(responsible)
    named_keys = {r["pkey"] for r in named}
    offices: dict[str, list[dict[str, Any]]] = {}
    if subject_kind == "Enterprise":
        counts_as = catalogue.role_targets()
        for r in roles:
            if _held_on(r, role_date):
                for target in counts_as.get(r.get("role") or "", ()):
                    offices.setdefault(target, []).append(r)

    rows: dict[str, dict[str, Any]] = {}
    for m in catalogue.punishment:
        if not triggered(m.triggers, record):
            continue
        planned = valid_until
        if m.duration.rule == "months" or (m.duration.rule == "validity_or_months" and planned is None):
            planned = _months_after(decided, m.duration.months or 0)
        base = {"measure": m, "planned": planned}
        for target in m.targets:
            if target == "subject":
                hits = [
                    {
                        "target_kind": subject_kind,
                        "target_key": subject_key,
                        "target_name": _text(record.get("subject_name")),
                        "office": "",
                        "via_enterprise": None,
                        "role_edge": f"S|{subject_key}|{record_id}",
                        "role_since": None,
                        "role_until": None,
                    }
                ]
            elif target == "responsible":
                hits = [_person(r, "", via, None) for r in named]
            else:
                held = offices.get(target, [])
                if target in m.responsible_only:
                    held = [r for r in held if r["pkey"] in named_keys]
                hits = [_person(r, r.get("role") or "", via, r) for r in held]
            for hit in hits:
                if not m.can_bind(hit["target_kind"]):
                    continue
                rid = f"{record_id}|{m.code}|{target}|{hit['target_key']}"
                seen = rows.get(rid)
                # The same person in the same office through two edges: one restriction, the
                # one whose edge sorts first, whatever order the edges came in.
                if seen is None or _text(hit["role_edge"]) < _text(seen["role_edge"]):
                    rows[rid] = {**base, **hit, "rid": rid, "role": target}
    final_state, final_since = tl["final_state"], tl["final_since"]
    out = []
    for rid in sorted(rows):
        r = rows[rid]
        m = r.pop("measure")
        to_date = r.pop("planned")
        if final_state == "ended" and final_since is not None:
            capped = final_since - ONE_DAY
            to_date = capped if to_date is None or capped < to_date else to_date
        r.update(
            measure_code=m.code,
            measure_name=m.name,
            means=m.means,
            departments="; ".join(m.departments),
            measure_basis=m.basis,
            bars_office=bool(m.bars_office),
            record_id=record_id,
            record_kind=record.get("kind"),
            record_status=tl["status"],
            record_authority=_text(record.get("authority")),
            role_date=role_date,
            role_date_source="act_date" if act is not None else "decision_date",
            from_date=decided,
            to_date=to_date,
            suspended=tl["suspended"],
            final_state=final_state,
            final_since=final_since,
            final_reason=tl["final_reason"],
        )
        out.append({c: r[c] for c in RESTRICTION_COLUMNS})
    return out


def _person(r: dict[str, Any], office: str, via: str | None, edge: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "target_kind": "Person",
        "target_key": r["pkey"],
        "target_name": _text(r.get("person_name")),
        "office": office,
        "via_enterprise": via,
        "role_edge": r.get("eid"),
        "role_since": py_date(edge.get("since")) if edge else None,
        "role_until": py_date(edge.get("until")) if edge else None,
    }
