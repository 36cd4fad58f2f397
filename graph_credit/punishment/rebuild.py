"""Every restriction derived again from the records (a full rebuild), or only those of some records.

A rebuild reads the four derivation inputs in bulk, calls the one `derive()`, drops the derived
tables and COPYs them back; the edges are cut from the Arrow table of the restrictions rather than
built again from frames. Each restriction keeps the day it was pushed to its departments, and the
department reports are never touched, so no task is pushed twice and every report survives any
rebuild (004 §24).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from graph_credit.model import PropType
from graph_credit.punishment.catalogue import MeasureCatalogue, load_catalogue
from graph_credit.punishment.controllers import controller_roles
from graph_credit.punishment.derive import (
    derive,
    events_frame,
    records_frame,
    responsible_frame,
    roles_frame,
    timelines,
)
from graph_credit.punishment.frames import arrow_table, to_date
from graph_credit.punishment.propagation import RESTRICTION_TYPES
from graph_credit.punishment.push import stamp_frame
from graph_credit.punishment.query_names import BY_KIND, DROP_DERIVED
from graph_credit.store.base import GraphStore, WriteStep


class Rebuild(BaseModel):
    records: int
    restrictions: int
    tasks_created: int
    statuses_synced: int
    seconds: dict[str, float]


class Rederive(BaseModel):
    """What re-deriving the restrictions of the records a change touched did."""

    mode: Literal["incremental", "full"]
    reason: str
    records: int  # records re-derived (every record in a full rebuild)
    restrictions: int  # restrictions those records now have
    tasks_created: int
    statuses_synced: int
    seconds: dict[str, float]


# When a change touches more records than this (or this share of them), deriving everything again
# is cheaper. The subset is read key by key: LadybugDB scans for a list of keys (~1 s a query at
# city scale) but finds one in a millisecond or two; 1,779 records took 2.8 s, a full rebuild 25-40 s.
FULL_REBUILD_ABOVE = 0.2
FULL_REBUILD_RECORDS = 10_000


def all_frames(store: GraphStore, catalogue: MeasureCatalogue) -> tuple[pd.DataFrame, ...]:
    """The four derivation inputs for every record a measure of the catalogue can reach."""
    which = catalogue.record_filter()
    recs = records_frame(
        pd.concat(
            [
                store.read_frame("punishment/records_enterprise", **which),
                store.read_frame("punishment/records_person", **which),
            ],
            ignore_index=True,
        )
    )
    events = events_frame(store.read_frame("punishment/events_all"))
    roles = roles_frame(store.read_frame("punishment/roles_all", **which))
    controllers = controller_roles(store, recs.to_dict("records"), catalogue)
    if controllers:
        roles = pd.concat([roles, roles_frame(controllers)], ignore_index=True)
    responsible = responsible_frame(store.read_frame("punishment/responsible_all", **which))
    return recs, events, roles, responsible


def restriction_edges(restrictions: pa.Table) -> dict[str, pa.Table]:
    """The RESTRICTS edges per target kind and the ARISES_FROM edges, named by their COPY query."""
    rid = restrictions.column("rid")
    kind = restrictions.column("target_kind")
    out: dict[str, pa.Table] = {}
    for target in sorted(BY_KIND):
        mask = pc.equal(kind, target)
        src = rid.filter(mask)
        out[BY_KIND[target].restricts_copy] = pa.table(
            {"src": src, "dst": restrictions.column("target_key").filter(mask), "eid": src}
        )
    out["punishment/arises_from_copy"] = pa.table(
        {"src": rid, "dst": restrictions.column("record_id"), "eid": rid}
    )
    return out


def rebuild_restrictions(
    store: GraphStore,
    *,
    on: dt.date | str | None = None,
    catalogue: MeasureCatalogue | None = None,
) -> Rebuild:
    """Drop every stored restriction and derive all of them again from the records."""
    cat = catalogue if catalogue is not None else load_catalogue()
    day = to_date(on, "on")
    clock = _Clock()
    store.ensure_schema()
    recs, events, roles, responsible = all_frames(store, cat)
    pushed = push_dates(store.read_arrow("punishment/pushed_on_all"))
    clock.lap("read")
    derived = derive(recs, events, roles, responsible, cat)
    clock.lap("derive")
    tasks_created = stamp_frame(derived, pushed, day)
    clock.lap("push")
    for drop in DROP_DERIVED:
        store.write(drop)
    store.ensure_schema()
    clock.lap("delete")
    restrictions = arrow_table(derived, RESTRICTION_TYPES)
    edges = restriction_edges(restrictions)
    clock.lap("arrow")
    # Node table first: a rel COPY looks its endpoints up by key.
    store.bulk_write("punishment/restriction_copy", restrictions)
    clock.lap("copy_restrictions")
    for name, table in edges.items():
        store.bulk_write(name, table)
    clock.lap("copy_edges")
    synced = sync_statuses(store, events)
    clock.lap("sync_statuses")
    return Rebuild(
        records=len(recs),
        restrictions=len(derived),
        tasks_created=tasks_created,
        statuses_synced=synced,
        seconds=clock.seconds(),
    )


def push_dates(table: pa.Table) -> pd.Series:
    """rid -> push date, from the stored restrictions' (`pushed_on_all` rows)."""
    frame = table.to_pandas()
    if frame.empty:
        return pd.Series([], dtype="datetime64[ns]")
    return pd.Series(pd.to_datetime(frame["pushed_on"]).to_numpy(), index=frame["rid"].to_numpy())


class _Clock:
    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 2)
        self.last = now

    def seconds(self) -> dict[str, float]:
        return {**self.laps, "total": round(self.last - self.start, 2)}


def sync_statuses(store: GraphStore, events: pd.DataFrame | None = None) -> int:
    """Set each record's cached status to what its history says (a bundle re-load may have
    written the source's status over it); returns how many records changed."""
    if events is None:
        events = events_frame(store.read_frame("punishment/events_all"))
    if events.empty:
        return 0
    cached = pd.DataFrame(store.read("punishment/statuses_with_events"))
    if cached.empty:
        return 0
    tl = timelines(records_frame(cached.assign(subject_kind="", subject_key="")), events)
    diff = tl[tl["status"].to_numpy() != cached["status"].fillna("").to_numpy()]
    if diff.empty:
        return 0
    store.bulk_write(
        "punishment/record_status_sync",
        arrow_table(diff[["record_id", "status"]], {"record_id": PropType.STRING, "status": PropType.STRING}),
    )
    return len(diff)


#: Enterprises per batched read of their records on Neo4j.
KEYS_PER_READ = 5000


def _record_ids_of(store: GraphStore, enterprises: list[str]) -> set[str]:
    """The records whose subject is one of `enterprises`: per key on LadybugDB (a key lookup each),
    in batches on Neo4j (a network round trip each)."""
    if store.engine != "neo4j":
        return {
            r["record_id"]
            for uscc in enterprises
            for r in store.read("punishment/record_ids_of_enterprise", uscc=uscc)
        }
    return {
        r["record_id"]
        for i in range(0, len(enterprises), KEYS_PER_READ)
        for r in store.read("punishment/record_ids_of_enterprises", keys=enterprises[i : i + KEYS_PER_READ])
    }


def rederive(
    store: GraphStore,
    *,
    records: Iterable[str] = (),
    enterprises: Iterable[str] = (),
    on: dt.date | str | None = None,
    catalogue: MeasureCatalogue | None = None,
    full_above: float = FULL_REBUILD_ABOVE,
    full_records: int = FULL_REBUILD_RECORDS,
) -> Rederive:
    """Derive again the restrictions of `records` and of every record whose subject is one of
    `enterprises` (their roles or holders changed) or, for measures reaching actual controllers,
    held below one of them through holdings, with the same `derive()` a full rebuild uses; above
    `full_records` records or `full_above` of the stored ones, rebuild everything and say so."""
    cat = catalogue if catalogue is not None else load_catalogue()
    day = to_date(on, "on")
    clock = _Clock()
    ids = set(records) | _record_ids_of(store, sorted(set(enterprises)))
    kinds = sorted({t.kind.value for m in cat.controller_measures() for t in m.triggers})
    if kinds:  # a change of holders anywhere on a control chain changes who controls below
        for uscc in sorted(set(enterprises)):
            ids |= {
                r["record_id"] for r in store.read("punishment/record_ids_held_below", uscc=uscc, kinds=kinds)
            }
    total = int(store.read("punishment/record_count")[0]["n"])
    limit = min(full_records, full_above * total)
    if total and len(ids) > limit:
        rb = rebuild_restrictions(store, on=day, catalogue=cat)
        return Rederive(
            mode="full",
            reason=f"{len(ids):,} of {total:,} records affected, above {full_records:,} or {full_above:.0%}: "
            "full rebuild",
            records=rb.records,
            restrictions=rb.restrictions,
            tasks_created=rb.tasks_created,
            statuses_synced=rb.statuses_synced,
            seconds=rb.seconds,
        )
    wanted = sorted(ids)
    store.ensure_schema()
    derived, tasks_created = _rederive_some(store, wanted, day, cat, clock)
    synced = sync_statuses(store) if wanted else 0
    clock.lap("sync_statuses")
    return Rederive(
        mode="incremental",
        reason=f"{len(wanted):,} of {total:,} records affected",
        records=len(wanted),
        restrictions=len(derived),
        tasks_created=tasks_created,
        statuses_synced=synced,
        seconds=clock.seconds(),
    )


def subset_frames(
    store: GraphStore, ids: list[str], catalogue: MeasureCatalogue
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.Series]:
    """`all_frames` cut to the records `ids` (read key by key), and the push dates of their
    stored restrictions (rid -> date)."""
    recs: list[dict] = []
    events: list[dict] = []
    responsible: list[dict] = []
    pushed: dict[str, object] = {}
    for rid in ids:
        rows = store.read("punishment/record_one", record_id=rid)
        if not rows:
            continue  # no such record (or no subject): nothing to derive, its old rows still go
        recs.append(rows[0])
        events += store.read("punishment/events_of", record_id=rid)
        responsible += store.read("punishment/responsible_of", record_id=rid)
        pushed |= {
            r["rid"]: r["pushed_on"] for r in store.read("punishment/restrictions_of_record", record_id=rid)
        }
    roles: list[dict] = []
    for uscc in sorted({r["subject_key"] for r in recs if r["subject_kind"] == "Enterprise"}):
        roles += store.read("punishment/roles_of", uscc=uscc)
    roles += controller_roles(store, recs, catalogue)
    return (
        records_frame(recs),
        events_frame(events),
        roles_frame(roles),
        responsible_frame(responsible),
        pd.Series(pushed, dtype=object),
    )


def _rederive_some(
    store: GraphStore, ids: list[str], day: dt.date, cat: MeasureCatalogue, clock: _Clock
) -> tuple[pd.DataFrame, int]:
    recs, events, roles, responsible, pushed = subset_frames(store, ids, cat)
    clock.lap("read")
    derived = derive(recs, events, roles, responsible, cat)
    tasks_created = stamp_frame(derived, pushed, day)
    clock.lap("derive")
    steps: list[WriteStep] = [("punishment/restrictions_delete_record", {"record_id": rid}) for rid in ids]
    for kind in sorted(BY_KIND):
        part = derived[(derived["target_kind"] == kind).to_numpy()] if len(derived) else derived
        steps.append((BY_KIND[kind].restriction_insert, arrow_table(part, RESTRICTION_TYPES)))
    store.write_many(steps)  # one transaction: a reader sees the old restrictions or the new
    clock.lap("write")
    return derived, tasks_created
