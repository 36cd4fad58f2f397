"""Rows of earlier bundles said to be wrong (`withdrawals.csv`, docs/data-format.md).

A withdrawal is not an end date: the row never held, so its edge is deleted and every answer on
every date forgets it, while a `Correction` node keeps what it was, who withdrew it, when and why.
A withdrawn row is not loaded again by a later bundle that still carries it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.store.base import GraphStore, WriteStep
from loaders.bundle import ValidatedBundle
from loaders.corrections import correction_step

WITHDRAWN = "withdrawn"
# One read per edge kind (graph_credit.schema writes them from the model).
EDGE_ONE = {
    "HOLDS": "load/holds_one",
    "LEGAL_REP_OF": "load/legal_rep_of_one",
    "SERVES_AS": "load/serves_as_one",
    "PARTICIPATES_IN": "load/participates_in_one",
    "GUARANTEES": "load/guarantees_one",
}
# Edges a restriction depends on: withdrawing one derives again the records of its enterprise.
_RESTRICTION_INPUTS = ("HOLDS", "LEGAL_REP_OF", "SERVES_AS")


@dataclass
class Withdrawals:
    steps: list[WriteStep] = field(default_factory=list)
    enterprises: set[str] = field(default_factory=set)  # whose offices or holdings lost a row
    withdrawn: int = 0
    already: int = 0  # withdrawn by an earlier load: nothing to do
    rejected: list[dict] = field(default_factory=list)  # rows of withdrawals.csv, with _column and _reason


def withdrawn_before(store: GraphStore) -> dict[str, str]:
    """eid -> why it is not loaded again, for every row withdrawn so far."""
    return {
        r["eid"]: f"withdrawn on {r['on_date']} by {r['authority']}: {r['reason']}"
        for r in store.read("load/withdrawn_eids", action=WITHDRAWN)
    }


def without_withdrawn(table: pa.Table, withdrawn: dict[str, str]) -> tuple[pa.Table, int]:
    """An edge table without the rows withdrawn before, and how many were left out."""
    if not withdrawn or table.num_rows == 0:
        return table, 0
    gone = pc.is_in(table["eid"], value_set=pa.array(list(withdrawn), pa.string()))
    return table.filter(pc.invert(gone)), pc.sum(gone).as_py() or 0


def plan_withdrawals(
    store: GraphStore, bundle: ValidatedBundle, by: str, withdrawn: dict[str, str]
) -> Withdrawals:
    """Read each withdrawn row as it is stored; one the store does not hold is rejected with why."""
    out = Withdrawals()
    in_bundle = {
        eid for (edge, _, _), frame in bundle.edges.items() if edge in EDGE_ONE for eid in frame["eid"]
    }
    for row in bundle.withdrawals.to_dict("records"):
        eid, edge = row["eid"], row["edge"]
        if eid in withdrawn:
            out.already += 1
            continue
        stored = store.read(EDGE_ONE[edge], eid=eid)
        if not stored:
            reason = (
                f"the row it withdraws is in this bundle's {row['file']} too: leave it out there"
                if eid in in_bundle
                else f"no row of {row['file']} with this key is loaded"
            )
            raw = {c: row[c] for c in ("file", "key", "reason", "authority")}
            day = str(_day(row["date"]))
            out.rejected.append(
                {**raw, "date": day, "_line": row["_line"], "_column": "key", "_reason": reason}
            )
            continue
        was = stored[0]
        props = "; ".join(f"{k}={v}" for k, v in was.items() if k not in ("src", "dst") and v is not None)
        out.steps += correction_step(
            action=WITHDRAWN,
            edge=edge,
            eid=eid,
            src=was["src"],
            dst=was["dst"],
            by=by,
            on=_day(row["date"]),
            authority=row["authority"],
            reason=row["reason"],
            was=props,
        )
        out.withdrawn += 1
        if edge in _RESTRICTION_INPUTS:
            out.enterprises.add(was["dst"])
    return out


def _day(value: object) -> dt.date:
    return pd.Timestamp(value).date()  # type: ignore[arg-type]
