"""A full rebuild gives exactly what incremental propagation built, on a world with many cases."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from graph_credit import punishment as pu
from graph_credit.punishment.derive import state_at, state_of
from graph_credit.punishment.propagation import _comparable
from graph_credit.store.base import GraphStore
from tests.support.world import World

KINDS = ["blacklist", "judgment_debtor", "procurement_bad_conduct", "tax_credit", "admin_penalty", "red_list"]
STATUSES = ["active"] * 6 + ["repaired", "expired", "under_objection", "revoked", "corrected"]
ROLES = ["legal_rep", "principal", "director", "chair", "supervisor", "manager", "finance_head"]


def _day(rng: random.Random, lo: int = 2012, hi: int = 2023) -> str:
    return f"{rng.randint(lo, hi)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def many_cases(tmp_path: Path, store: GraphStore) -> World:
    rng = random.Random(7)
    w = World(tmp_path / "bundle")
    ents = [w.ent(f"E{i}", established="2000-01-01") for i in range(6)]
    people = [w.person(f"P{i}") for i in range(14)]
    for e in ents:
        for role in rng.sample(ROLES, 4):
            a, b = sorted([_day(rng, 2008, 2016), _day(rng, 2017, 2024)])
            w.role(rng.choice(people), e, role, a, b if rng.random() < 0.5 else "")
        w.role(rng.choice(people), e, "legal_rep", "", "2016-12-31")  # open start
        w.role(rng.choice(people), e, "legal_rep", "2017-01-01", "")
        w.hold(rng.choice(people), e, "40%", _day(rng, 2008, 2014))
    for i in range(24):
        kind = rng.choice(KINDS)
        decision = _day(rng, 2016, 2023)
        act = "" if rng.random() < 0.3 else f"{int(decision[:4]) - 1}{decision[4:]}"
        until = "" if rng.random() < 0.3 else f"{int(decision[:4]) + 3}{decision[4:]}"
        status = rng.choice(STATUSES)
        if status == "expired" and not until:
            until = f"{int(decision[:4]) + 1}{decision[4:]}"
        named = ";".join(rng.sample(people, rng.randint(0, 2)))
        subject = rng.choice(ents) if rng.random() < 0.85 else rng.choice(people)
        w.record(
            f"C{i:02d}",
            subject,
            kind,
            decision_date=decision,
            act_date=act,
            valid_until=until,
            level=rng.choice("ABCD") if kind == "tax_credit" else "",
            repairable="false" if rng.random() < 0.2 else "",
            status=status,
            monitoring_months=rng.choice(["", "12", "24"]),
            responsible=named,
        )
    return w.load(store, derive=False)


def stored(store: GraphStore) -> pd.DataFrame:
    return _comparable(store.read_frame("punishment/restrictions_all"))


def test_rebuild_equals_incremental_propagation(store: GraphStore, tmp_path: Path) -> None:
    w = many_cases(tmp_path, store)
    ids = sorted(
        r["record_id"]
        for r in store.read("punishment/records_enterprise", kinds=list(KINDS), level_kinds=[], levels=[])
    )
    ids += sorted(
        r["record_id"]
        for r in store.read("punishment/records_person", kinds=list(KINDS), level_kinds=[], levels=[])
    )
    store.ensure_schema()
    for rid in ids:  # one record at a time, from nothing
        pu.propagate(store, rid, on="2020-01-01")
    incremental = stored(store)
    assert len(incremental) > 100
    assert set(incremental["role"]) >= {"subject", "legal_rep", "responsible", "director"}
    assert set(incremental["role_date_source"]) == {"act_date", "decision_date"}
    pu.rebuild_restrictions(store, on="2020-01-01")
    pd.testing.assert_frame_equal(stored(store), incremental)

    # lifecycle transitions propagate incrementally; a rebuild afterwards changes nothing
    valid = {
        r["record_id"]
        for r in store.read("punishment/records_enterprise", kinds=list(KINDS), level_kinds=[], levels=[])
        if r["valid_until"] is None or str(r["valid_until"]) > "2024-06-01"
    }
    active = [r for r in ids if r in valid and pu.record_history(store, r).status == "active"]
    pu.file_objection(store, active[0], by="x", on="2024-01-02", basis="b")
    pu.file_objection(store, active[1], by="x", on="2024-01-02", basis="b")
    pu.decide_objection(
        store, active[1], upheld=True, outcome="corrected", by="y", on="2024-02-01", basis="b"
    )
    pu.file_objection(store, active[2], by="x", on="2024-01-02", basis="b")
    pu.decide_objection(store, active[2], upheld=False, by="y", on="2024-02-01", basis="b")
    repairable = [r for r in active[3:] if pu.record_history(store, r).repairable]
    pu.repair_record(store, repairable[0], by="z", on="2024-03-01", basis="b")
    pu.expire_records(store, "2024-06-01")
    pu.add_record(
        store,
        record_id="NEW",
        subject=w.key("E1"),
        kind="blacklist",
        authority="a",
        decision_date="2024-04-01",
        act_date="2015-06-01",
        responsible=[w.key("P3")],
        by="a",
    )
    after = stored(store)
    assert not after.equals(incremental)
    pu.rebuild_restrictions(store, on="2024-06-01")
    pd.testing.assert_frame_equal(stored(store), after)
    # and a rebuild keeps the status each record's history gives it
    assert pu.record_history(store, active[1]).status == "corrected"


def test_the_lookup_state_agrees_with_the_frame_state(store: GraphStore, tmp_path: Path) -> None:
    many_cases(tmp_path, store)
    pu.rebuild_restrictions(store, on="2020-01-01")
    rows = store.read("punishment/restrictions_all")
    frame = pd.DataFrame(rows)
    for day in ("2015-01-01", "2018-06-30", "2020-01-01", "2022-12-31", "2026-01-01"):
        on = dt.date.fromisoformat(day)
        assert state_at(frame, on).tolist() == [state_of(r, on) for r in rows]
    assert len({state_of(r, dt.date(2020, 1, 1)) for r in rows}) >= 3
