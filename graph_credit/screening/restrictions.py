"""Joint-punishment restrictions of the subjects around a candidate.

`graph_credit.punishment` holds the measure catalogue and the derived restrictions; when it is
installed every subject's restrictions come from `punishment.restrictions(store, key, as_of=)`.
Without it, a subject counts as restricted while it is the subject of, or a person named
responsible for, an active serious record (blacklist, judgment debtor, procurement bad conduct):
the record is the restriction's only provenance, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

from graph_credit.errors import NotFound
from graph_credit.screening.models import RecordEvidence, RestrictionEvidence
from graph_credit.store.base import GraphStore

SERIOUS = ("blacklist", "judgment_debtor", "procurement_bad_conduct")
FALLBACK_NOTE = (
    "restrictions were derived from the subjects' own serious records: the joint-punishment "
    "module (graph_credit.punishment) is not available"
)


@cache
def punishment_module() -> ModuleType | None:
    try:
        mod = importlib.import_module("graph_credit.punishment")
    except ImportError:
        return None
    return mod if hasattr(mod, "restrictions") else None


@cache
def has_record_events() -> bool:
    """Whether records carry lifecycle events (the joint-punishment module's RecordEvent nodes)."""
    from graph_credit import model

    return "RecordEvent" in getattr(model, "DERIVED_NODE_KINDS", {})


def _from_item(item: Any) -> RestrictionEvidence:
    get = item.get if isinstance(item, dict) else lambda k, d=None: getattr(item, k, d)
    state = get("state") or "active"
    return RestrictionEvidence(
        restriction_id=str(get("restriction_id")),
        measure_code=get("measure_code"),
        measure_name=get("measure_name"),
        state=str(state),
        record_id=get("record_id"),
        record_kind=get("record_kind"),
        record_status=get("record_status"),
        role=get("role"),
        via_enterprise=get("via_enterprise"),
        start=get("start"),
        end=get("end"),
        provenance=get("provenance"),
    )


def _derived(records: Iterable[RecordEvidence]) -> list[RestrictionEvidence]:
    out = []
    for r in records:
        if r.kind not in SERIOUS or r.state not in ("active", "under_objection"):
            continue
        out.append(
            RestrictionEvidence(
                restriction_id=f"record:{r.record_id}",
                state="active" if r.state == "active" else "suspended",
                record_id=r.record_id,
                record_kind=r.kind,
                record_status=r.status,
                role="subject" if r.relation == "subject" else "responsible",
                start=r.decision_date,
                end=r.valid_until,
                provenance=f"{r.kind} {r.record_id} ({r.authority or 'authority unknown'})",
            )
        )
    return out


def restrictions_of(
    store: GraphStore,
    keys: Iterable[str],
    as_of: dt.date,
    records: dict[str, list[RecordEvidence]],
) -> tuple[dict[str, list[RestrictionEvidence]], list[str]]:
    """Restrictions in force (or suspended) on `as_of` per subject key, and notes on their source."""
    mod = punishment_module()
    out: dict[str, list[RestrictionEvidence]] = {}
    if mod is None:
        for k in dict.fromkeys(keys):
            found = _derived(records.get(k, []))
            if found:
                out[k] = found
        return out, [FALLBACK_NOTE]
    for k in dict.fromkeys(keys):
        try:
            answer = mod.restrictions(store, k, as_of=as_of, related=False)
        except NotFound:
            continue
        items = [_from_item(i) for i in getattr(answer, "items", [])]
        items = [i for i in items if i.state in ("active", "suspended")]
        if items:
            out[k] = items
    return out, []
