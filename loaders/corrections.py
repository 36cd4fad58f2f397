"""What a later bundle says against an earlier one about a credit record: another subject, other
named persons, another kind or another status.

A record row is the source's whole statement about that record: its subject and the persons it
names replace the stored ones (the old edges are deleted and kept as `Correction` nodes with the
load that ended them), and every change is explained by an event in the record's history. A status
the source changed is a transition like any other (`source_status`); a stored status the platform
set (an objection, a repair) stands while the source keeps saying what it said before.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import SOURCE_STATUS_ACTION
from graph_credit.store.base import GraphStore, WriteStep
from loaders.bundle import ValidatedBundle

# The stored links of every record, with its record and the other end's key and name.
_STORED_LINKS = {"SUBJECT_OF": "load/record_subjects", "RESPONSIBLE_FOR": "load/record_responsible"}
# One delete query per edge kind (graph_credit.schema writes them from the model).
EDGE_DELETE = {
    "HOLDS": "load/holds_delete",
    "LEGAL_REP_OF": "load/legal_rep_of_delete",
    "SERVES_AS": "load/serves_as_delete",
    "SUBJECT_OF": "load/subject_of_delete",
    "RESPONSIBLE_FOR": "load/responsible_for_delete",
    "PARTICIPATES_IN": "load/participates_in_delete",
    "GUARANTEES": "load/guarantees_delete",
    "BRANCH_OF": "load/branch_of_delete",
}


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def correction_step(
    *,
    action: str,
    edge: str,
    eid: str,
    src: str,
    dst: str,
    by: str,
    on: dt.date,
    reason: str,
    authority: str = "",
    was: str = "",
) -> list[WriteStep]:
    """Delete one edge and keep it, with who ended it, when and why: both or neither."""
    row = {
        "correction_id": f"{action}|{eid}|{uuid.uuid4().hex[:12]}",
        "action": action,
        "edge": edge,
        "eid": eid,
        "src": src,
        "dst": dst,
        "was": was,
        "by": by,
        "authority": authority,
        "on_date": on,
        "reason": reason,
        "recorded_at": now_text(),
    }
    return [(EDGE_DELETE[edge], {"eid": eid}), ("load/correction_add", row)]


@dataclass
class _Event:
    record_id: str
    action: str
    note: str
    basis: str
    authority: str
    from_status: str | None = None
    to_status: str | None = None  # None: the record's status after the load


@dataclass
class RecordCorrections:
    """Collects, while a bundle is written, what it corrects of records already stored."""

    by: str  # the load: "load of bundle <folder>"
    on: dt.date
    links: dict[str, pd.DataFrame] = field(default_factory=dict)  # edge kind -> eid, src, dst
    stored_links: dict[str, pd.DataFrame] = field(default_factory=dict)  # eid, record_id, src, name
    names: dict[str, str] = field(default_factory=dict)  # person key -> name, from the bundle
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # record_id, authority, basis, status
    known: set[str] = field(default_factory=set)  # the bundle's records that were stored before
    events: list[_Event] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def of(cls, bundle: ValidatedBundle, by: str, on: dt.date) -> RecordCorrections:
        """Taken before the bundle's frames are handed to the writer (which lets them go)."""
        fix = cls(by=by, on=on)
        for edge in _STORED_LINKS:
            parts = [f[["eid", "src", "dst"]] for (e, _, _), f in bundle.edges.items() if e == edge]
            fix.links[edge] = (
                pd.concat(parts, ignore_index=True)
                if parts
                else pd.DataFrame({"eid": [], "src": [], "dst": []})
            )
        persons = bundle.nodes.get("Person")
        if persons is not None:
            fix.names = dict(zip(persons["pkey"], persons["name"], strict=True))
        records = bundle.nodes.get("CreditRecord")
        if records is not None:
            fix.rows = records[["record_id", "authority", "basis"]].set_index("record_id")
        return fix

    def _row(self, record_id: str) -> tuple[str, str]:
        authority = str(self.rows.at[record_id, "authority"] or "")
        basis = self.rows.at[record_id, "basis"]
        return authority, str(basis) if isinstance(basis, str) and basis else f"records.csv of {authority}"

    def records_table(self, store: GraphStore, table: pa.Table, stored: pa.Table | None) -> pa.Table:
        """The bundle's record rows, with the status of each stored record settled: a status the
        source changed is recorded as a transition; one the source still gives as before leaves
        the stored status (the platform's history) as it is."""
        if stored is None or stored.num_rows == 0 or table.num_rows == 0:
            return table
        at = pc.index_in(table["record_id"], value_set=stored["key"].combine_chunks()).to_pylist()
        ids = table["record_id"].to_pylist()
        kinds, statuses = table["kind"].to_pylist(), table["status"].to_pylist()
        old_kinds, old_statuses = stored["kind"].to_pylist(), stored["status"].to_pylist()
        self.known = {rid for rid, i in zip(ids, at, strict=True) if i is not None}
        differ = [n for n, i in enumerate(at) if i is not None and statuses[n] != old_statuses[i]]
        history = _histories(store, [ids[n] for n in differ]) if differ else {}
        settled = list(statuses)
        for n in differ:
            rid, old = ids[n], old_statuses[at[n]]
            if statuses[n] == _source_said(history.get(rid, []), old):
                settled[n] = old  # the source says what it said; the platform moved on since
                continue
            authority, basis = self._row(rid)
            self.events.append(
                _Event(
                    rid,
                    SOURCE_STATUS_ACTION,
                    f"status {statuses[n]} given by the source ({authority}) in a later bundle",
                    basis,
                    authority,
                    from_status=old,
                    to_status=statuses[n],
                )
            )
            self.counts["status"] += 1
        for n, i in enumerate(at):
            if i is not None and kinds[n] != old_kinds[i]:
                authority, basis = self._row(ids[n])
                self.events.append(
                    _Event(
                        ids[n],
                        "kind_corrected",
                        f"kind corrected: {old_kinds[i]} → {kinds[n]}",
                        basis,
                        authority,
                    )
                )
                self.counts["kind"] += 1
        if settled != statuses:
            table = table.set_column(
                table.schema.get_field_index("status"), "status", pa.array(settled, pa.string())
            )
        return table

    def read_links(self, store: GraphStore) -> None:
        """The links of the stored records, as they were before the bundle is written."""
        if self.rows.empty:
            return
        for edge, query in _STORED_LINKS.items():
            old = store.read_frame(query)
            if old.empty:
                old = pd.DataFrame({"eid": [], "record_id": [], "src": [], "name": []})
            self.stored_links[edge] = old[old["record_id"].isin(set(self.rows.index))]

    def write(self, store: GraphStore) -> set[str]:
        """Replace the links the bundle corrected and append every event, in one transaction;
        returns the records whose restrictions must be derived again."""
        steps: list[WriteStep] = []
        touched: set[str] = set()
        if self.known:
            for edge in _STORED_LINKS:
                steps += self._relink(edge, touched)
        if not self.events and not steps:
            return touched
        touched |= {e.record_id for e in self.events}
        steps += self._event_steps(store)
        store.write_many(steps)
        return touched

    def _relink(self, edge: str, touched: set[str]) -> list[WriteStep]:
        old = self.stored_links.get(edge)
        if old is None:
            return []
        old = old[old["record_id"].isin(self.known)]
        new = self.links[edge]
        new = new[new["dst"].isin(self.known)]
        gone = old[~old["eid"].isin(set(new["eid"]))]
        added = new[~new["eid"].isin(set(old["eid"]))]
        steps: list[WriteStep] = []
        for rid in sorted(set(gone["record_id"]) | set(added["dst"])):
            was = gone[gone["record_id"] == rid]
            # a record has one subject: the note names it; of named persons, those added
            shown = new if edge == "SUBJECT_OF" else added
            now = shown[shown["dst"] == rid]
            authority, basis = self._row(rid)
            if edge == "SUBJECT_OF":
                before = ", ".join(_who(s, n) for s, n in zip(was["src"], was["name"], strict=True))
                after = ", ".join(_who(s, self.names.get(s)) for s in now["src"])
                note = f"subject corrected: {before or 'none'} → {after or 'none'}"
                action = "subject_corrected"
            else:
                removed = ", ".join(_who(s, n) for s, n in zip(was["src"], was["name"], strict=True))
                named = ", ".join(_who(s, self.names.get(s)) for s in now["src"])
                note = "named responsible persons corrected: " + "; ".join(
                    p
                    for p in (
                        f"no longer named {removed}" if removed else "",
                        f"now named {named}" if named else "",
                    )
                    if p
                )
                action = "responsible_corrected"
            self.events.append(_Event(rid, action, note, basis, authority))
            self.counts[action.removesuffix("_corrected")] += 1
            touched.add(rid)
            for eid, src in zip(was["eid"], was["src"], strict=True):
                steps += correction_step(
                    action="superseded",
                    edge=edge,
                    eid=eid,
                    src=src,
                    dst=rid,
                    by=self.by,
                    on=self.on,
                    authority=authority,
                    reason=note,
                )
        return steps

    def _event_steps(self, store: GraphStore) -> list[WriteStep]:
        history = _histories(store, sorted({e.record_id for e in self.events}))
        status = {
            r["record_id"]: r["status"]
            for rid in sorted({e.record_id for e in self.events})
            for r in store.read("punishment/record_one", record_id=rid)
        }
        seq = {rid: len(h) for rid, h in history.items()}
        steps: list[WriteStep] = []
        # the status transition first: the corrections after it carry the status it set
        for e in sorted(self.events, key=lambda e: e.action != SOURCE_STATUS_ACTION):
            seq[e.record_id] = seq.get(e.record_id, 0) + 1
            after = e.to_status if e.to_status is not None else status.get(e.record_id)
            if e.action == SOURCE_STATUS_ACTION:
                status[e.record_id] = after
            event = {
                "record_id": e.record_id,
                "event_id": f"{e.record_id}#{seq[e.record_id]:03d}",
                "seq": seq[e.record_id],
                "action": e.action,
                "from_status": e.from_status if e.to_status is not None else after,
                "to_status": after,
                "actor": f"{self.by} (source: {e.authority})" if e.authority else self.by,
                "on_date": self.on,
                "basis": e.basis,
                "note": e.note,
                "recorded_at": now_text(),
            }
            steps.append(("punishment/event_add", event))
        return steps


def _who(key: str, name: object) -> str:
    return f"{name} ({key})" if isinstance(name, str) and name else key


def _histories(store: GraphStore, record_ids: Iterable[str]) -> dict[str, list[dict]]:
    return {rid: store.read("punishment/events_of", record_id=rid) for rid in record_ids}


def _source_said(history: list[dict], stored: str | None) -> str | None:
    """The status the source gave last: its last `source_status` event, else the status the
    record had before its first event (as loaded), else the stored one (no event yet)."""
    for e in reversed(history):
        if e.get("action") == SOURCE_STATUS_ACTION:
            return e.get("to_status")
    if history and history[0].get("from_status"):
        return history[0]["from_status"]
    return stored
