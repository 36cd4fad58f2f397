"""Pushing restrictions to their implementing departments (004 §24, trigger → response).

A restriction is pushed on the first day a propagation or a rebuild finds it in force: that day is
stamped on the row (`pushed_on`) and carried over every time the row is derived again, so a push
survives any rebuild and is never repeated. The tasks are the pushed restrictions' departments;
nothing more is written until a department answers (graph_credit.punishment.tasks).

A task is one measure on one target because of one record, for one department: one person reached
in two roles by one measure gets one task, that of the restriction with the smallest id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import DERIVED_NODE_KINDS, PropType
from graph_credit.punishment.derive import PUSHED_ON, state_at, state_of
from graph_credit.punishment.frames import arrow_table, py_date

TASK_TYPES = {DERIVED_NODE_KINDS["Task"].key: PropType.STRING, **DERIVED_NODE_KINDS["Task"].properties}
# the restriction's columns a task is made of
TASK_SOURCE = (
    "rid",
    "record_id",
    "measure_code",
    "target_kind",
    "target_key",
    "target_name",
    "departments",
    PUSHED_ON,
)


def task_id(record_id: str, measure_code: str, target_key: str, department: str) -> str:
    return f"{record_id}|{measure_code}|{target_key}|{department}"


def departments(listed: str | None) -> list[str]:
    return [d for d in (listed or "").split("; ") if d]


def _ids(rows: Iterable[Mapping[str, Any]]) -> set[str]:
    return {
        task_id(r["record_id"], r["measure_code"], r["target_key"], d)
        for r in rows
        for d in departments(r.get("departments"))
    }


def stamp_rows(derived: list[dict[str, Any]], stored: Mapping[str, dt.date | None], on: dt.date) -> int:
    """Give each derived row its push date: the stored one, else `on` where it is in force on
    `on`; returns how many tasks that pushes anew (one record's rows: propagation)."""
    kept, new = [], []
    for r in derived:
        was = py_date(stored.get(r["rid"]))
        if was is not None:
            r[PUSHED_ON] = was
            kept.append(r)
        elif state_of(r, on) == "active":
            r[PUSHED_ON] = on
            new.append(r)
        else:
            r[PUSHED_ON] = None
    return len(_ids(new) - _ids(kept))


def stamp_frame(derived: pd.DataFrame, stored: pd.Series, on: dt.date) -> int:
    """`stamp_rows` for a frame (rebuild, re-derivation), adding the column to `derived`;
    `stored` maps rid to push date."""
    if derived.empty:
        derived[PUSHED_ON] = pd.Series([], dtype=object)
        return 0
    # as objects: mapping through an empty datetime Series fails in pandas
    was = pd.to_datetime(derived["rid"].map(stored.astype(object)), errors="coerce")
    kept = was.notna().to_numpy()
    new = ~kept & (state_at(derived, on) == "active").to_numpy()
    pushed = np.full(len(derived), None, dtype=object)
    pushed[kept] = was[kept].dt.date.to_numpy()
    pushed[new] = on
    derived[PUSHED_ON] = pushed
    if not new.any():
        return 0
    new_ids = set(task_table(derived[new]).column("task_id").to_pylist())
    kept_ids = set(task_table(derived[kept]).column("task_id").to_pylist()) if kept.any() else set()
    return len(new_ids - kept_ids)


def task_table(restrictions: pd.DataFrame | pa.Table) -> pa.Table:
    """The tasks of pushed restrictions, one per department, unanswered, created on the push day.

    A restriction's departments are its measure's, so each distinct list is split once and the
    rows repeated by position rather than exploded row by row (a city has a million tasks)."""
    schema = arrow_table(pd.DataFrame(), TASK_TYPES).schema
    if not len(restrictions):  # an empty result may come without its columns (Neo4j's)
        return schema.empty_table()
    typed = (
        restrictions.select(list(TASK_SOURCE))
        if isinstance(restrictions, pa.Table)
        else arrow_table(restrictions, {c: _SOURCE_TYPES[c] for c in TASK_SOURCE})
    )
    if typed.num_rows:
        # one chunk: an engine's result comes in many, and take() across them is ten times slower
        typed = typed.filter(pc.is_valid(typed.column(PUSHED_ON))).combine_chunks()
    if not typed.num_rows:
        return schema.empty_table()
    codes, lists = pd.factorize(typed.column("departments").to_pandas())  # null: code -1, none
    split = [departments(x) for x in lists] + [[]]
    codes = np.where(codes < 0, len(split) - 1, codes)
    per = np.array([len(d) for d in split], dtype=np.int64)
    flat = np.array([d for ds in split for d in ds] or [""], dtype=object)
    start = np.concatenate([[0], np.cumsum(per)[:-1]])
    repeat = per[codes]
    rows = np.repeat(np.arange(typed.num_rows), repeat)
    nth = np.arange(len(rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    department = pa.array(flat[np.repeat(start[codes], repeat) + nth], type=pa.string())
    base = typed.take(pa.array(rows, type=pa.int64()))
    ids = pc.binary_join_element_wise(
        base.column("record_id"), base.column("measure_code"), base.column("target_key"), department, "|"
    )
    n = len(rows)
    table = pa.table(
        {
            "task_id": ids,
            "restriction_id": base.column("rid"),
            "record_id": base.column("record_id"),
            "measure_code": base.column("measure_code"),
            "target_kind": base.column("target_kind"),
            "target_key": base.column("target_key"),
            "target_name": base.column("target_name"),
            "department": department,
            "created_on": base.column(PUSHED_ON).cast(pa.date32()),
            "answered_on": pa.nulls(n, pa.date32()),
            "answered_by": pa.nulls(n, pa.string()),
            "action": pa.nulls(n, pa.string()),
        },
        schema=schema,
    )
    dup = table.column("task_id").to_pandas().duplicated(keep=False).to_numpy()
    if not dup.any():
        return table
    twice = table.filter(pa.array(dup))  # sorted apart: they are few, the table is large
    twice = twice.take(pc.sort_indices(twice, [("task_id", "ascending"), ("restriction_id", "ascending")]))
    first = ~twice.column("task_id").to_pandas().duplicated().to_numpy()
    return pa.concat_tables([table.filter(pa.array(~dup)), twice.filter(pa.array(first))])


_SOURCE_TYPES = {
    "rid": PropType.STRING,
    **{c: DERIVED_NODE_KINDS["Restriction"].properties[c] for c in TASK_SOURCE if c != "rid"},
}
