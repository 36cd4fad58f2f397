"""Marks: what the picture must show about credit (adverse records in force, restricted persons,
red lists), read from the store for the subjects of a `Subgraph`."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from functools import cache
from typing import Any

from graph_credit.errors import EngineError, NotFound
from graph_credit.explore.subgraph import RecordMark, Subgraph, SubNode
from graph_credit.store.base import GraphStore

# Serious lists: joint punishment applies to the subject and reaches its responsible persons
# (004 §8, §16; 000 §17).
SERIOUS_KINDS = frozenset({"blacklist", "judgment_debtor", "procurement_bad_conduct"})
ADVERSE_KINDS = frozenset({"admin_penalty", "abnormal_operation"})


def in_force(status: str | None, decision: dt.date | None, valid_until: dt.date | None, on: dt.date) -> bool:
    """A record counts on `on` when it was decided by then and had not run out; of the lifecycle
    states, only active and expired records can have been in force (an expired one until its
    end date), never corrected, revoked or repaired ones, nor one under objection."""
    if status not in ("active", "expired"):
        return False
    if decision is not None and decision > on:
        return False
    if valid_until is not None and valid_until < on:
        return False
    return not (status == "expired" and valid_until is None)


def _flag_for(kind: str | None, level: str | None) -> str | None:
    if kind in SERIOUS_KINDS:
        return "sanctioned"
    if kind in ADVERSE_KINDS or (kind == "tax_credit" and level == "D"):
        return "record"
    if kind == "red_list":
        return "red_list"
    return None


@cache
def punishment_module() -> Any:
    """The joint-punishment module when it is installed, for restricted persons with provenance."""
    try:
        return importlib.import_module("graph_credit.punishment")
    except ImportError:
        return None


def _mark_from_punishment(store: GraphStore, n: SubNode, on: dt.date) -> bool:
    """Restrictions the joint-punishment module derived for a person (`restrictions(store, key,
    as_of)`, items with record, measure and state): those in force mark the person restricted.
    False when the module cannot answer on this database (one loaded before its tables existed)."""
    mod = punishment_module()
    fn = getattr(mod, "restrictions", None) if mod is not None else None
    if fn is None:
        return False
    kwargs = {"related": False} if "related" in inspect.signature(fn).parameters else {}
    try:
        res = fn(store, n.key, on, **kwargs)
    except NotFound:
        return True
    except EngineError:
        return False
    active = [i for i in getattr(res, "items", []) if getattr(i, "state", "active") == "active"]
    seen = {m.record_id for m in n.marks}
    for item in active:
        rid = str(getattr(item, "record_id", "?"))
        if rid in seen:  # a record already marked (the person is responsible for it) is marked once
            continue
        seen.add(rid)
        n.marks.append(
            RecordMark(
                record_id=rid,
                kind=getattr(item, "record_kind", None),
                relation="punishment",
                note=getattr(item, "measure_name", None),
            )
        )
    if active:
        n.flag("restricted")
    return True


def _mark_monitoring(store: GraphStore, n: SubNode, on: dt.date) -> bool:
    """A subject off a blacklist that is a key monitoring object on `on` (004 §20; the period may
    be the catalogue's default, which the mark says). False when the module cannot answer."""
    mod = punishment_module()
    fn = getattr(mod, "monitoring_status", None) if mod is not None else None
    if fn is None:
        return False
    try:
        res = fn(store, n.key, on)
    except NotFound:
        return True
    except EngineError:
        return False
    for item in getattr(res, "items", []):
        default = (
            " (default period: the authority set none)" if getattr(item, "default_period", False) else ""
        )
        n.marks.append(
            RecordMark(
                record_id=str(getattr(item, "record_id", "?")),
                kind=getattr(item, "record_kind", None),
                relation="monitoring",
                note=f"key monitoring object until {getattr(item, 'until', '?')}{default} (004 §20)",
            )
        )
    if getattr(res, "monitored", False):
        n.flag("monitored")
    return True


def mark(store: GraphStore, sg: Subgraph, as_of: dt.date | None = None, *, max_nodes: int = 2000) -> Subgraph:
    """Mark the subgraph's enterprises and persons with the credit records in force on `as_of`
    (default: today): subjects of serious lists (sanctioned), of other adverse records, of red
    lists; persons responsible for a serious record are restricted (joint punishment reaches
    them, 004 §16), and so is anyone the joint-punishment module restricts. Record nodes in the
    picture are marked by their own kind. One indexed query per subject (a batched one plans as
    a scan of the edge table on LadybugDB)."""
    on = as_of or sg.as_of or dt.date.today()
    punishment = True
    subjects = [n for n in sg.nodes if n.kind in ("Enterprise", "Person")]
    if len(subjects) > max_nodes:
        sg.notes.append(f"credit marks checked for the first {max_nodes:,} of {len(subjects):,} subjects")
        subjects = subjects[:max_nodes]
    for n in subjects:
        queries = (
            ["explore/records_of_enterprise"]
            if n.kind == "Enterprise"
            else ["explore/records_of_person", "explore/records_person_responsible_for"]
        )
        exited = False  # a serious record of its own no longer in force: it may be monitored
        for q in queries:
            for r in store.read(q, key=n.key):
                if not in_force(r["status"], r["decision_date"], r["valid_until"], on):
                    decided = r["decision_date"] is None or r["decision_date"] <= on
                    exited |= r["relation"] == "subject" and r["kind"] in SERIOUS_KINDS and decided
                    continue
                flag = _flag_for(r["kind"], r["level"])
                if flag is None:
                    continue
                if r["relation"] == "responsible":
                    if flag != "sanctioned":
                        continue
                    flag = "restricted"
                n.flag(flag)
                n.marks.append(
                    RecordMark(
                        record_id=r["record_id"], kind=r["kind"], level=r["level"], relation=r["relation"]
                    )
                )
        if exited and punishment and not _mark_monitoring(store, n, on):
            punishment = False
            sg.notes.append("restrictions derived by joint punishment are not available on this database")
        if n.kind == "Person" and punishment and not _mark_from_punishment(store, n, on):
            punishment = False
            sg.notes.append("restrictions derived by joint punishment are not available on this database")
    for n in sg.nodes:
        if n.kind == "CreditRecord" and n.status in ("active", "expired"):
            flag = _flag_for(n.subkind, None)
            if flag is not None and n.status == "active":
                n.flag(flag)
    return sg
