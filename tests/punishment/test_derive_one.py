"""The one-record derivation gives, row for row, what the shared frame derivation gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from graph_credit import punishment as pu
from graph_credit.punishment.catalogue import load_catalogue, parse_catalogue
from graph_credit.punishment.derive import derive, events_frame, records_frame, timelines
from graph_credit.punishment.derive_one import add_months, derive_record, timeline
from graph_credit.punishment.propagation import _comparable, comparable_row, record_frames, record_inputs
from graph_credit.store.base import GraphStore
from tests.punishment.test_rebuild import KINDS, many_cases


def _record_ids(store: GraphStore) -> list[str]:
    which = {"kinds": KINDS, "level_kinds": [], "levels": []}
    return sorted(
        r["record_id"]
        for q in ("punishment/records_enterprise", "punishment/records_person")
        for r in store.read(q, **which)
    )


def _both_ways(store: GraphStore, record_id: str, catalogue) -> tuple[list[tuple], list[tuple]]:
    frames = derive(*record_frames(store, record_id, catalogue), catalogue)
    by_frames = [tuple(r) for r in _comparable(frames).itertuples(index=False)]
    by_rows = sorted(
        comparable_row(r) for r in derive_record(*record_inputs(store, record_id, catalogue), catalogue)
    )
    return by_frames, by_rows


def test_every_record_of_a_many_case_world_derives_the_same_both_ways(
    store: GraphStore, tmp_path: Path
) -> None:
    many_cases(tmp_path, store)
    store.ensure_schema()
    cat = load_catalogue()
    ids = _record_ids(store)
    total = 0
    for rid in ids:
        by_frames, by_rows = _both_ways(store, rid, cat)
        assert by_rows == by_frames, rid
        total += len(by_rows)
    assert total > 100
    # and again once lifecycle events are in the histories
    which = {"kinds": KINDS, "level_kinds": [], "levels": []}
    valid = {
        r["record_id"]
        for r in store.read("punishment/records_enterprise", **which)
        if r["valid_until"] is None or str(r["valid_until"]) > "2024-06-01"
    }
    active = [r for r in ids if r in valid and pu.record_history(store, r).status == "active"]
    pu.file_objection(store, active[0], by="x", on="2024-01-02", basis="b")
    pu.file_objection(store, active[1], by="x", on="2024-01-02", basis="b")
    pu.decide_objection(store, active[1], upheld=True, outcome="revoked", by="y", on="2024-02-01", basis="b")
    pu.file_objection(store, active[2], by="x", on="2024-01-02", basis="b")
    pu.decide_objection(store, active[2], upheld=False, by="y", on="2024-02-01", basis="b")
    pu.file_objection(store, active[2], by="x", on="2024-03-02", basis="b")
    repairable = [r for r in active[3:] if pu.record_history(store, r).repairable]
    pu.repair_record(store, repairable[0], by="z", on="2024-03-01", basis="b")
    pu.expire_records(store, "2030-01-01")
    for rid in ids:
        by_frames, by_rows = _both_ways(store, rid, cat)
        assert by_rows == by_frames, rid
    rows = derive_record(*record_inputs(store, active[2], cat), cat)
    assert rows and rows[0]["suspended"].count(";") == 1  # two objections, the last one open


def test_a_months_rule_ends_on_the_same_day_both_ways(store: GraphStore, tmp_path: Path) -> None:
    many_cases(tmp_path, store)
    raw = load_catalogue().model_dump(mode="json", exclude={"source"})
    for m in raw["punishment"]:
        m["duration"] = {"rule": "months", "months": 13}
    cat = parse_catalogue(raw, "test catalogue")
    for rid in _record_ids(store):
        by_frames, by_rows = _both_ways(store, rid, cat)
        assert by_rows == by_frames, rid


@pytest.mark.parametrize("months", [1, 2, 11, 12, 13, 36, 37])
def test_add_months_clips_to_the_month_end_as_pandas_does(months: int) -> None:
    day = dt.date(2019, 1, 1)
    while day < dt.date(2021, 1, 1):
        expected = (pd.Timestamp(day) + pd.DateOffset(months=months)).date()
        assert add_months(day, months) == expected, day
        day += dt.timedelta(days=1)


def test_the_timeline_of_one_record_matches_the_frame_timeline() -> None:
    rec = {"record_id": "C1", "status": "expired", "valid_until": dt.date(2022, 5, 31), "kind": "blacklist"}
    events = [
        {"record_id": "C1", "seq": 2, "action": "objection_rejected", "on_date": dt.date(2021, 2, 1),
         "from_status": "under_objection", "to_status": "active"},
        {"record_id": "C1", "seq": 1, "action": "objection", "on_date": dt.date(2021, 1, 5),
         "from_status": "active", "to_status": "under_objection"},
        {"record_id": "C1", "seq": 3, "action": "repair", "on_date": dt.date(2021, 6, 1),
         "from_status": "active", "to_status": "repaired"},
    ]  # fmt: skip
    for evs in (events, [], events[:2]):
        frame = timelines(records_frame([rec]), events_frame(evs)).iloc[0]
        one = timeline(rec, evs)
        assert one["status"] == frame["status"]
        assert one["suspended"] == frame["suspended"]
        assert one["final_state"] == frame["final_state"]
        assert one["final_reason"] == frame["final_reason"]
        since = frame["final_since"]
        assert one["final_since"] == (None if pd.isna(since) else since.date())
