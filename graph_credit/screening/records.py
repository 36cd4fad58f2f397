"""A credit record's state on the check date, how much a past record still weighs, clean years.

A record's lifecycle events (graph_credit.punishment keeps them: objection filed, decided, repair,
expiry, each dated) give its status on any day. Without events the stored status is the record's
current one, and a past date is worked out from the dates the record carries: not yet decided is
`future`; past its validity is `history`; corrected and revoked records were wrong and are `void`
whatever the date; an expired record is `active` on dates within its validity; a repaired record
is `history` on every date after its decision (the repair date is not known then).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph_credit.model import RECORD_FIELDS, VOID_STATUSES
from graph_credit.punishment.catalogue import load_catalogue
from graph_credit.screening.models import RecordEvidence
from graph_credit.screening.policy import Policy

_HISTORY = {"repaired", "expired"}


def state_on(
    row: dict[str, Any], as_of: dt.date, events: list[dict[str, Any]] | None = None
) -> tuple[str, dt.date | None]:
    """(state, end date for history) of a record row on `as_of`. With its lifecycle events (seq,
    on_date, from_status, to_status) the status on that day is the last transition by then, and a
    repair or withdrawal has its own date; without them, the stored status stands for every date."""
    decided = row.get("decision_date")
    until = row.get("valid_until")
    if decided is not None and decided > as_of:
        return "future", None
    changed: dt.date | None = None
    if events:
        evs = sorted(events, key=lambda e: e.get("seq") or 0)
        done = [e for e in evs if e.get("on_date") is None or e["on_date"] <= as_of]
        if done:
            status, changed = done[-1].get("to_status") or "active", done[-1].get("on_date")
        else:
            status = evs[0].get("from_status") or "active"
    else:
        status = row.get("status") or "active"
    if status in VOID_STATUSES:
        return "void", None
    if until is not None and until < as_of:
        return "history", until
    if status == "expired" and until is not None and not events:
        return "active", None  # it expired after the check date: in force then
    if status in _HISTORY:
        end = changed or (until if until is not None and until <= as_of else decided)
        return "history", end
    if status == "under_objection":
        return "under_objection", None
    return "active", None


def evidence(
    row: dict[str, Any], as_of: dt.date, events: list[dict[str, Any]] | None = None
) -> RecordEvidence:
    state, end = state_on(row, as_of, events)
    fields = {k: row.get(k) for k in RECORD_FIELDS}
    if fields["monitoring_months"] is not None:
        fields["monitoring_months"] = int(fields["monitoring_months"])
    # 004 §20: off a blacklist, a key monitoring object at once; the authority's period, else the
    # catalogue's default (an upheld objection is `void`, never history: no monitoring)
    period = load_catalogue().monitoring_period(fields) if state == "history" and end is not None else None
    watched = _add_months(end, period.months) if end is not None and period else None
    return RecordEvidence(
        **fields,  # type: ignore[arg-type]
        state=state,  # type: ignore[arg-type]
        ended=end,
        monitored_until=watched,
        monitoring_default=bool(period and period.default),
        relation=row.get("relation") or "subject",
    )


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def under_monitoring(rec: RecordEvidence, as_of: dt.date) -> bool:
    """A past record whose subject is still a key monitoring object on `as_of` (004 §20)."""
    return rec.monitored_until is not None and as_of <= rec.monitored_until


def fade(rec: RecordEvidence, as_of: dt.date, policy: Policy) -> float:
    """1 for a record in force; for history, halves every half-life after it ended, 0 past the horizon."""
    if rec.state != "history":
        return 1.0
    end = rec.ended or rec.decision_date
    if end is None:
        return 1.0
    years = max((as_of - end).days, 0) / 365.25
    if years > policy.recency.horizon_years:
        return 0.0
    return 0.5 ** (years / policy.recency.half_life_years)


def is_bad(rec: RecordEvidence, policy: Policy) -> bool:
    if rec.kind == "tax_credit":
        return (rec.level or "") in policy.bad_records.tax_levels
    return rec.kind in policy.bad_records.kinds


def clean_since(
    records: list[RecordEvidence], established: dt.date | None, policy: Policy
) -> tuple[bool, dt.date | None]:
    """(clean now, since when) for 004 §11 (连续三年无不良信用记录): not clean while a bad record is
    in force or under objection; otherwise clean since the latest end of a past bad record, or
    since establishment (None when neither is known)."""
    latest = established
    for r in records:
        if r.state in ("void", "future") or not is_bad(r, policy):
            continue
        if r.state in ("active", "under_objection"):
            return False, None
        end = r.ended or r.decision_date
        if end is not None and (latest is None or end > latest):
            latest = end
    return True, latest
