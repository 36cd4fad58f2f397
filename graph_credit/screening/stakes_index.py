"""A holder's stakes read from the topology index instead of the engine, for a credit check.

The rows are those of `screening/stakes_of` (every stake of at least a share in force on a date)
and the targets those `screening/stakes_with_records` keeps (the subject of a record of given
kinds). In the engine, a holding company's stakes take three or four queries of 5-16 ms each at
city scale (each planned as a scan of the Enterprise table); here they are a slice of an array.
tests/screening/test_stakes_index.py requires the same answers both ways.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph_credit.topology import OPEN_START, TopologyIndex, day_number


@dataclass
class Held:
    """One holder's stakes in force on a date, largest first (then by target key), as arrays:
    rows are made only for the few a check lists (a holding company has thousands)."""

    index: TopologyIndex
    edges: np.ndarray
    gids: np.ndarray
    ratio: np.ndarray

    def __len__(self) -> int:
        return len(self.edges)

    def rows(self, positions: Sequence[int] | range) -> list[dict[str, Any]]:
        """stakes_of rows for the stakes at these positions."""
        ix, out = self.index, []
        for i in positions:
            e, g = int(self.edges[i]), int(self.gids[i])
            since, until = ix.edge_period(e)
            out.append(
                {
                    "target": ix.node(g)[1],
                    "target_name": ix.display(g)[0],
                    "ratio": float(self.ratio[i]),
                    "since": since,
                    "until": until,
                }
            )
        return out

    def with_records(self, kinds: Sequence[str]) -> list[int]:
        """Positions of the stakes in an enterprise that is the subject of a record of the kinds."""
        if not len(self) or not kinds:
            return []
        ix = self.index
        owners, _, records, _ = ix.incident_many(
            self.gids.astype(np.int64),
            edge_mask=ix.edge_mask(["SUBJECT_OF"]),
            kind_mask=ix.kind_mask(["CreditRecord"]),
            direction="out",
        )
        wanted = np.zeros(len(ix.subkinds), dtype=bool)
        for k in kinds:
            if k in ix.subkinds:
                wanted[ix.subkinds.index(k)] = True
        return np.unique(owners[wanted[ix.n_subkind[records]]]).tolist()


def stakes_held(
    index: TopologyIndex, holder: str, as_of: dt.date, min_share: float, skip: str
) -> Held | None:
    """Every stake of at least `min_share` the enterprise holds on `as_of` but in `skip`; None when
    the index does not know the holder."""
    gid = index.gid("Enterprise", holder)
    if gid is None:
        return None
    day = day_number(as_of, OPEN_START)
    edges, far, _ = index.incident(
        gid, edge_mask=index.edge_mask(["HOLDS"]), direction="out", valid_from=day, valid_to=day
    )
    ratio = np.nan_to_num(index.e_value[edges], nan=0.0)  # coalesce(r.ratio, 0.0)
    keep = ratio >= min_share
    skipped = index.gid("Enterprise", skip)
    if skipped is not None:
        keep &= far != skipped
    edges, far, ratio = edges[keep], far[keep], ratio[keep]
    base = int(index.base[index.node_kinds.index("Enterprise")])
    keys = index.keys["Enterprise"][index.rank["Enterprise"][far - base]]
    order = np.lexsort((keys, -ratio))  # ORDER BY ratio DESC, target
    return Held(index, edges[order], far[order], ratio[order])
