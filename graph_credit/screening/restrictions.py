"""Joint-punishment restrictions of the subjects around a candidate, from `graph_credit.punishment`.

The punishment module derives and keeps the restrictions (measure, target, provenance, period,
state on a date); a check asks it for each subject a rule can look at, without its related-risk
walk (the check walks the relations itself), and keeps the items in force or suspended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from graph_credit import punishment
from graph_credit.errors import NotFound
from graph_credit.screening.models import RestrictionEvidence
from graph_credit.store.base import GraphStore

#: The restriction states a finding can rest on (withdrawn and ended ones are history of the record).
CURRENT = ("active", "suspended")


def _evidence(item: punishment.Restriction) -> RestrictionEvidence:
    return RestrictionEvidence(
        restriction_id=item.restriction_id,
        measure_code=item.measure_code,
        measure_name=item.measure_name,
        state=item.state,
        record_id=item.record_id,
        record_kind=item.record_kind,
        record_status=item.record_status,
        role=item.role,
        via_enterprise=item.via_enterprise,
        start=item.start,
        end=item.end,
        provenance=item.provenance,
    )


def restrictions_of(
    store: GraphStore, keys: Iterable[str], as_of: dt.date
) -> dict[str, list[RestrictionEvidence]]:
    """Restrictions in force (or suspended) on `as_of` per subject key (USCC or person key)."""
    out: dict[str, list[RestrictionEvidence]] = {}
    for k in dict.fromkeys(keys):
        try:
            answer = punishment.restrictions(store, k, as_of=as_of, related=False)
        except NotFound:
            continue
        items = [_evidence(i) for i in answer.items if i.state in CURRENT]
        if items:
            out[k] = items
    return out
