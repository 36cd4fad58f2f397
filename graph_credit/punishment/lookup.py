"""Is this subject restricted on date D, by which measures, and why: a key lookup and one hop.

Also restricted persons behind an enterprise, red-list and green-channel status (004 §11),
key monitoring after exit (004 §20) and what may be published (004 §25).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from graph_credit import identifiers as ids
from graph_credit.errors import NotFound
from graph_credit.punishment.catalogue import ACTUAL_CONTROLLER, MeasureCatalogue, load_catalogue, matches
from graph_credit.punishment.derive import (
    ONE_DAY,
    events_frame,
    records_frame,
    state_at,
    state_of,
    timelines,
)
from graph_credit.punishment.frames import py_date, to_date
from graph_credit.punishment.query_names import BY_KIND
from graph_credit.punishment.views import (
    IncentiveStatus,
    MonitoringItem,
    MonitoringStatus,
    PublishedRecord,
    RelatedRisk,
    RestrictedPerson,
    RestrictedPersons,
    Restriction,
    SubjectRestrictions,
)
from graph_credit.store.base import GraphStore


def subject_kind(subject: str) -> tuple[str, str]:
    """('Enterprise', USCC) for a valid USCC, else ('Person', the person key)."""
    s = subject.strip()
    if ids.is_uscc(s.upper()):
        return "Enterprise", s.upper()
    return "Person", s


def _fmt(d: dt.date | None) -> str:
    return d.isoformat() if d else "…"


def _state_note(row: dict[str, Any], state: str, day: dt.date) -> str:
    final_since = py_date(row.get("final_since"))
    if state == "withdrawn":
        when = f" on {final_since}" if final_since else ""
        return f"withdrawn{when}: {row.get('final_reason') or 'objection upheld'} (004 §27)"
    if state == "ended":
        end = py_date(row.get("to_date"))
        reason = row.get("final_reason") or "validity ended"
        return f"ended{f' after {end}' if end else ''}: {reason}" + (
            " (004 §26)" if "repair" in reason else ""
        )
    if state == "suspended":
        return "suspended while an objection is checked (004 §27)"
    end = py_date(row.get("to_date"))
    return f"in force from {_fmt(py_date(row.get('from_date')))} to {end or 'no set end'}"


def _provenance(row: dict[str, Any]) -> str:
    role, edge = row["role"], row.get("role_edge") or ""
    rec = f"record {row['record_id']} ({row['record_kind']}, {row.get('record_authority') or 'authority unknown'})"
    target = f"{row['target_kind'].lower()} {row.get('target_name') or ''} [{row['target_key']}]"
    if role == "subject":
        link = f"subject of the record ({edge})"
    elif role == "responsible":
        link = f"named directly responsible on the record ({edge})"
    elif role == ACTUAL_CONTROLLER:
        link = f"actual controller of {row.get('via_enterprise')} by majority control ({edge})"
    else:
        src = row.get("role_date_source")
        on = py_date(row.get("role_date"))
        when = (
            f"on the act date {on}"
            if src == "act_date"
            else f"on the decision date {on} (no act date recorded: decision date used instead)"
        )
        link = (
            f"{row.get('office') or role} of {row.get('via_enterprise')} by edge {edge} "
            f"(held {_fmt(py_date(row.get('role_since')))} to {_fmt(py_date(row.get('role_until')))}) {when}"
        )
    return (
        f"{rec} → {link} → {target} → measure {row['measure_code']} {row.get('measure_name') or ''} "
        f"→ basis {row.get('measure_basis') or ''}"
    )


def restriction_items(rows: list[dict[str, Any]], day: dt.date) -> list[Restriction]:
    """Stored restriction rows as models with their state on `day` (not yet started: left out)."""
    rows = [r for r in rows if r.get("rid")]
    if not rows:
        return []
    states = [state_of(r, day) for r in rows]
    out = []
    for row, state in zip(rows, states, strict=True):
        if state == "pending":
            continue
        out.append(
            Restriction(
                restriction_id=row["rid"],
                target_kind=row["target_kind"],
                target_key=row["target_key"],
                target_name=row.get("target_name") or "",
                measure_code=row["measure_code"],
                measure_name=row.get("measure_name") or "",
                means=row.get("means") or "",
                departments=[d for d in (row.get("departments") or "").split("; ") if d],
                basis=row.get("measure_basis") or "",
                bars_office=bool(row.get("bars_office")),
                record_id=row["record_id"],
                record_kind=row.get("record_kind") or "",
                record_status=row.get("record_status") or "",
                record_authority=row.get("record_authority") or "",
                role=row["role"],
                office=row.get("office") or "",
                via_enterprise=row.get("via_enterprise") or None,
                role_edge=row.get("role_edge") or None,
                role_since=py_date(row.get("role_since")),
                role_until=py_date(row.get("role_until")),
                role_date=py_date(row.get("role_date")),
                role_date_source=row.get("role_date_source") or "",
                start=py_date(row.get("from_date")),
                end=py_date(row.get("to_date")),
                state=state,
                state_note=_state_note(row, state, day),
                provenance=_provenance(row),
            )
        )
    out.sort(key=lambda r: (r.state != "active", r.record_id, r.measure_code, r.role))
    return out


def restrictions(
    store: GraphStore, subject: str, as_of: dt.date | str | None = None, *, related: bool = True
) -> SubjectRestrictions:
    """Every restriction on a subject (USCC or person key) on `as_of` (default today), with why."""
    day = to_date(as_of)
    kind, key = subject_kind(subject)
    rows = store.read(BY_KIND[kind].restrictions, key=key)
    if not rows:
        raise NotFound(f"{subject!r}: no enterprise with this USCC or person with this key")
    items = restriction_items(rows, day)
    result = SubjectRestrictions(
        subject_kind=kind,
        subject_key=key,
        subject_name=rows[0].get("subject_name") or "",
        as_of=day,
        restricted=any(r.state == "active" for r in items),
        items=items,
    )
    if related:
        result.related_risks = _related_risks(store, result, day)
    return result


def _related_risks(store: GraphStore, result: SubjectRestrictions, day: dt.date) -> list[RelatedRisk]:
    if result.subject_kind == "Person":
        barring = [r for r in result.items if r.state == "active" and r.bars_office]
        if not barring:
            return []
        offices = store.read("punishment/offices_current_person", key=result.subject_key, as_of=day)
        return [
            RelatedRisk(
                person_key=result.subject_key,
                person_name=result.subject_name,
                enterprise_uscc=o["uscc"],
                enterprise_name=o.get("name") or "",
                office=o.get("role") or "",
                office_edge=o.get("eid") or "",
                restriction_id=r.restriction_id,
                measure_code=r.measure_code,
                record_id=r.record_id,
                sanctioned_enterprise=r.via_enterprise,
                note=f"serves as {o.get('role')} while barred from office by {r.measure_code} (关联风险)",
            )
            for r in barring
            for o in offices
            if o["uscc"] != r.via_enterprise
        ]
    rows = store.read("punishment/barred_officers", key=result.subject_key, as_of=day)
    risks = []
    items = {r.restriction_id: r for r in restriction_items(rows, day)}
    for row in rows:
        item = items.get(row["rid"])
        if item is None or item.state != "active" or item.via_enterprise == result.subject_key:
            continue
        risks.append(
            RelatedRisk(
                person_key=row["pkey"],
                person_name=row.get("person_name") or "",
                enterprise_uscc=result.subject_key,
                enterprise_name=result.subject_name,
                office=row.get("held_office") or "",
                office_edge=row.get("office_edge") or "",
                restriction_id=item.restriction_id,
                measure_code=item.measure_code,
                record_id=item.record_id,
                sanctioned_enterprise=item.via_enterprise,
                note=(
                    f"{row.get('person_name')} serves as {row.get('held_office')} and is barred from office "
                    f"by {item.measure_code} because of record {item.record_id} (关联风险)"
                ),
            )
        )
    return risks


def restricted_persons(
    store: GraphStore, uscc: str, as_of: dt.date | str | None = None, *, include_ended: bool = False
) -> RestrictedPersons:
    """Persons behind an enterprise (its officers and holders on the date, and those restricted
    because of its records) with their restrictions in force (or every one, `include_ended`)."""
    day = to_date(as_of)
    kind, key = subject_kind(uscc)
    if kind != "Enterprise":
        raise NotFound(f"{uscc!r} is not a valid USCC")
    ent = store.read("punishment/subject_enterprise", key=key)
    if not ent:
        raise NotFound(f"enterprise {key}: no such enterprise")
    rows = store.read("punishment/persons_behind", key=key, as_of=day)
    rows += store.read("punishment/persons_restricted_via", key=key)
    by_person: dict[str, dict[str, Any]] = {}
    for row in rows:
        p = by_person.setdefault(
            row["pkey"], {"name": row.get("person_name") or "", "offices": set(), "rows": {}}
        )
        if row.get("held_office"):
            p["offices"].add(row["held_office"])
        p["rows"][row["rid"]] = row
    persons = []
    for pkey, p in by_person.items():
        items = restriction_items(list(p["rows"].values()), day)
        if not include_ended:
            items = [r for r in items if r.state in ("active", "suspended")]
        if not items:
            continue
        persons.append(
            RestrictedPerson(
                person_key=pkey,
                person_name=p["name"],
                offices=sorted(p["offices"]),
                because_of_this_enterprise=any(r.via_enterprise == key for r in items),
                restrictions=items,
            )
        )
    persons.sort(key=lambda p: (not p.because_of_this_enterprise, p.person_name, p.person_key))
    return RestrictedPersons(uscc=key, name=ent[0].get("name") or "", as_of=day, persons=persons)


# ---------------------------------------------------------------------------------------------
# records of one subject: incentives, monitoring, publication


def _subject_records(store: GraphStore, subject: str) -> tuple[str, str, str, dt.date | None, pd.DataFrame]:
    kind, key = subject_kind(subject)
    who = store.read(BY_KIND[kind].subject, key=key)
    if not who:
        raise NotFound(f"{subject!r}: no enterprise with this USCC or person with this key")
    recs = records_frame(store.read(BY_KIND[kind].records, key=key))
    events = events_frame(store.read(BY_KIND[kind].events, key=key))
    tl = timelines(recs, events)
    recs = (
        recs.drop(columns=["status"]).merge(tl, on="record_id")
        if len(recs)
        else recs.assign(suspended="", final_state="", final_since=pd.NaT, final_reason="", exit_on=pd.NaT)
    )
    # A record read as a restriction-like span: decision to validity (cut at an exit).
    to = recs["valid_until"].copy()
    cut = recs["final_state"].eq("ended") & recs["final_since"].notna()
    to[cut] = recs.loc[cut, "final_since"] - ONE_DAY
    recs["from_date"], recs["to_date"] = recs["decision_date"], to
    return kind, key, who[0].get("name") or "", py_date(who[0].get("established")), recs


def incentive_status(
    store: GraphStore,
    subject: str,
    as_of: dt.date | str | None = None,
    *,
    catalogue: MeasureCatalogue | None = None,
) -> IncentiveStatus:
    """Red list, and the green channel for the red-listed and those three years without a bad
    record (004 §11); both are lost when a bad record appears (004 §20)."""
    cat = catalogue if catalogue is not None else load_catalogue()
    inc = cat.incentives
    day = to_date(as_of)
    kind, key, name, established, recs = _subject_records(store, subject)
    state = state_at(recs, day) if len(recs) else pd.Series(dtype=object)
    decided = recs["decision_date"].notna() & (recs["decision_date"] <= pd.Timestamp(day))
    bad = recs[matches(inc.bad_records, recs) & decided & (state != "withdrawn")]
    bad_state = state[bad.index]
    # In force: a bad record with a validity period, or of a kind that triggers joint punishment,
    # still active or suspended; any other bad record is an event dated by its decision.
    lasting = bad["valid_until"].notna() | bad["kind"].isin(cat.triggering_kinds())
    in_force = bad[bad_state.isin(["active", "suspended"]) & lasting]
    ended_at = bad["to_date"].where(bad_state == "ended", pd.NaT)
    dated = ended_at.fillna(bad["decision_date"])
    last_bad = None if bad.empty else dated.max()
    red = recs[matches(inc.red_list_records, recs) & (state == "active")]
    if last_bad is not None and len(red):
        red = red[red["decision_date"] > last_bad]  # a bad record after the red entry ends it
    is_red = bool(len(red)) and in_force.empty
    clean_since: dt.date | None
    if len(in_force):
        clean_since = None
    elif last_bad is not None:
        clean_since = (last_bad + ONE_DAY).date()
    else:
        clean_since = established
    years = inc.clean_years
    clean_enough = in_force.empty and (
        (last_bad is None and established is None)
        or (clean_since is not None and _add_years(clean_since, years) <= day)
    )
    if is_red:
        reason = f"on the red list by {', '.join(red['record_id'])} (004 §7)"
    elif len(in_force):
        reason = f"bad record(s) in force: {', '.join(in_force['record_id'])}"
    elif clean_enough:
        reason = (
            f"no bad record since {clean_since} ({years} years or more, 004 §11)"
            if clean_since
            else "no bad record on file (004 §11)"
        )
    else:
        reason = f"clean since {clean_since}, less than {years} years (004 §11)"
    eligible = {"red_list": is_red, "clean_years": bool(clean_enough)}
    measures = [m.code for m in inc.measures if any(eligible[e] for e in m.eligible)]
    return IncentiveStatus(
        subject_kind=kind,
        subject_key=key,
        subject_name=name,
        as_of=day,
        red_list=is_red,
        green_channel=is_red or bool(clean_enough),
        reason=reason,
        clean_since=clean_since,
        red_records=list(red["record_id"]),
        bad_records=list(in_force["record_id"]) if len(in_force) else list(bad["record_id"]),
        measures=measures,
    )


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def monitoring_status(
    store: GraphStore, subject: str, as_of: dt.date | str | None = None
) -> MonitoringStatus:
    """Key monitoring (信用重点监测对象) after a record's exit, for the months its authority set (004 §20)."""
    day = to_date(as_of)
    kind, key, name, _, recs = _subject_records(store, subject)
    cat = load_catalogue()
    items = []
    for i in recs.index[recs["exit_on"].notna()]:
        period = cat.monitoring_period(
            {c: recs.at[i, c] for c in ("kind", "level", "category", "monitoring_months")}
        )
        if period is None:
            continue
        since = recs.at[i, "exit_on"]
        until = since + pd.DateOffset(months=period.months) - ONE_DAY
        if not (since <= pd.Timestamp(day) <= until):
            continue
        how = "credit repaired" if recs.at[i, "status"] == "repaired" else "validity ended"
        who = (
            f"the catalogue's default period, as {recs.at[i, 'authority'] or 'the authority'} set none"
            if period.default
            else f"as set by {recs.at[i, 'authority']}"
        )
        items.append(
            MonitoringItem(
                record_id=recs.at[i, "record_id"],
                record_kind=recs.at[i, "kind"],
                since=since.date(),
                until=until.date(),
                months=period.months,
                default_period=period.default,
                reason=(
                    f"off the list from {since.date()} ({how}); key monitoring object for "
                    f"{period.months} months, {who} (004 §20)"
                ),
            )
        )
    return MonitoringStatus(
        subject_kind=kind, subject_key=key, subject_name=name, as_of=day, monitored=bool(items), items=items
    )


def published(store: GraphStore, subject: str, as_of: dt.date | str | None = None) -> list[PublishedRecord]:
    """The subject's records that may be shown publicly on `as_of`: publication lasts as long as
    validity (004 §25) and stops when a record is repaired, corrected or revoked."""
    day = to_date(as_of)
    _, _, _, _, recs = _subject_records(store, subject)
    if recs.empty:
        return []
    state = state_at(recs, day)
    shown = recs[state.isin(["active", "suspended"])]
    return [
        PublishedRecord(
            record_id=r["record_id"],
            kind=r["kind"],
            category=r["category"],
            authority=r["authority"],
            basis=r["basis"],
            decision_date=py_date(r["decision_date"]),
            valid_until=py_date(r["valid_until"]),
            status=r["status"],
        )
        for r in shown.to_dict("records")
    ]
