"""Fetching the holdings in force around one subject, hop by hop, into a bounded graph.

The database answers one indexed named query per hop (holdings in force on `as_of` only); the
fetch stops at the depth asked for, at a cap on the nodes, and at a cap on each hop's rows, and
says so (`subgraph_issues`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.ownership.models import Holding, Issue, Party
from graph_credit.params import OWNERSHIP_DEPTH, OWNERSHIP_MAX_NODES
from graph_credit.store.base import GraphStore

DEFAULT_DEPTH = OWNERSHIP_DEPTH.default
MAX_DEPTH = OWNERSHIP_DEPTH.high
DEFAULT_MAX_NODES = OWNERSHIP_MAX_NODES.default
MAX_MAX_NODES = OWNERSHIP_MAX_NODES.high
#: Rows one hop query returns at most: the literal `LIMIT 10001` in cypher/ownership/*.cypher.
HOP_ROW_LIMIT = 10_000
#: On LadybugDB a frontier of this many keys or fewer is fetched one key per query: the
#: single-key text is planned as a direct index lookup (~0.5 ms), the frontier text has a fixed
#: cost of ~2 ms (ENGINE-NOTES, measured on 1M enterprises / 2M holdings).
LADYBUG_PER_KEY_FRONTIER = 3


@dataclass
class FetchedGraph:
    subject: Party
    direction: Literal["up", "down"]
    as_of: dt.date
    depth: int
    max_nodes: int
    parties: dict[str, Party] = field(default_factory=dict)
    level: dict[str, int] = field(default_factory=dict)
    edges: list[Holding] = field(default_factory=list)
    expanded: set[str] = field(default_factory=set)
    unexpanded: list[str] = field(default_factory=list)  # reached at the depth limit
    depth_reached: int = 0
    node_cap_hit: bool = False
    row_cap_hit: list[int] = field(default_factory=list)  # hops whose rows hit HOP_ROW_LIMIT
    dropped: set[str] = field(default_factory=set)  # nodes left out by the node cap

    @property
    def truncated(self) -> bool:
        return self.node_cap_hit or bool(self.row_cap_hit)

    def name(self, key: str) -> str:
        p = self.parties.get(key)
        return p.label if p else key


def check_limits(depth: int, max_nodes: int) -> None:
    OWNERSHIP_DEPTH.check(depth)
    OWNERSHIP_MAX_NODES.check(max_nodes)


def _enterprise(store: GraphStore, uscc: str) -> Party | None:
    key = uscc.strip().upper()
    rows = store.read("ownership/enterprise", uscc=key)
    if not rows:
        return None
    r = rows[0]
    return Party(key=r["key"], kind="enterprise", name=r["name"], org_type=r["org_type"])


def resolve(store: GraphStore, subject: str, *, enterprise_only: bool = False) -> Party:
    subject = (subject or "").strip()
    if not subject:
        raise InvalidInput("a subject (USCC or person key) is required")
    party = _enterprise(store, subject)
    if party is not None:
        return party
    if not enterprise_only:
        rows = store.read("ownership/person", pkey=subject)
        if rows:
            r = rows[0]
            return Party(key=r["key"], kind="person", name=r["name"], id_masked=r["id_masked"])
        raise NotFound(f"no enterprise or person with key {subject!r}")
    raise NotFound(f"no enterprise with USCC {subject!r}")


# Each hop query with its one-key twin (`$key` instead of `$keys`).
_ONE_KEY = {
    "ownership/holders_of": "ownership/holders_of_one",
    "ownership/holdings_of": "ownership/holdings_of_one",
}


def _hop(store: GraphStore, name: str, keys: list[str], as_of: dt.date) -> list[dict[str, Any]]:
    """One hop over the frontier: one query for all keys, or on LadybugDB one per key when few."""
    if store.engine == "ladybug" and len(keys) <= LADYBUG_PER_KEY_FRONTIER:
        rows: list[dict[str, Any]] = []
        for k in keys:
            rows.extend(store.read(_ONE_KEY[name], key=k, as_of=as_of))
        return rows
    return store.read(name, keys=keys, as_of=as_of)


def _party_from_row(row: dict[str, Any], side: Literal["holder", "target"]) -> Party:
    if side == "target":
        return Party(
            key=row["target"], kind="enterprise", name=row["target_name"], org_type=row["target_org_type"]
        )
    return Party(
        key=row["holder"],
        kind=row["holder_kind"],
        name=row["holder_name"],
        org_type=row["holder_org_type"],
        id_masked=row["holder_id_masked"],
    )


def _holding(row: dict[str, Any]) -> Holding:
    sub = row["subscribed"]
    return Holding(
        holder=row["holder"],
        target=row["target"],
        ratio=float(row["ratio"] or 0.0),
        ratio_derived=bool(row["derived"]),
        subscribed_capital=None if sub is None or sub != sub else float(sub),
        since=row["since"],
        until=row["until"],
    )


def fetch_graph(
    store: GraphStore,
    subject: Party,
    direction: Literal["up", "down"],
    as_of: dt.date,
    depth: int,
    max_nodes: int,
) -> FetchedGraph:
    """Breadth-first, one hop per query over the whole frontier, holdings in force on `as_of`."""
    g = FetchedGraph(subject, direction, as_of, depth, max_nodes)
    g.parties[subject.key] = subject
    g.level[subject.key] = 0
    up = direction == "up"
    frontier = [subject.key] if (not up or subject.kind == "enterprise") else []
    if up and subject.kind == "person":
        g.expanded.add(subject.key)  # nobody holds a person: nothing to fetch
    hop = 0
    while frontier and hop < depth:
        hop += 1
        if up:
            rows = _hop(store, "ownership/holders_of", frontier, as_of)
            rows.sort(key=lambda r: (r["target"], -(r["ratio"] or 0.0), r["holder"]))
        else:
            if hop == 1 and subject.kind == "person":
                rows = store.read("ownership/holdings_of_person", key=subject.key, as_of=as_of)
            else:
                rows = _hop(store, "ownership/holdings_of", frontier, as_of)
            rows.sort(key=lambda r: (-(r["ratio"] or 0.0), r["target"], r["holder"]))
        g.expanded.update(frontier)
        if len(rows) > HOP_ROW_LIMIT:
            g.row_cap_hit.append(hop)
            rows = rows[:HOP_ROW_LIMIT]
        nxt: list[str] = []
        for row in rows:
            far_side: Literal["holder", "target"] = "holder" if up else "target"
            other = row[far_side]
            if other not in g.parties:
                if len(g.parties) >= max_nodes:
                    g.node_cap_hit = True
                    g.dropped.add(other)
                    continue
                g.parties[other] = _party_from_row(row, far_side)
                g.level[other] = hop
                if not up or row["holder_kind"] == "enterprise":
                    nxt.append(other)
                else:
                    g.expanded.add(other)  # a person: nobody holds it
            g.edges.append(_holding(row))
        g.depth_reached = hop
        frontier = nxt
    g.unexpanded = frontier
    return g


def subgraph_issues(g: FetchedGraph) -> list[Issue]:
    issues: list[Issue] = []
    noun = "holders" if g.direction == "up" else "holdings"
    if g.node_cap_hit:
        issues.append(
            Issue(
                kind="node_cap",
                message=f"the fetch stopped at {g.max_nodes:,} nodes: {len(g.dropped):,} more {noun} "
                "and what lies beyond them are left out",
                nodes=sorted(g.dropped)[:50],
            )
        )
    if g.row_cap_hit:
        issues.append(
            Issue(
                kind="row_cap",
                message=f"hop {', '.join(map(str, g.row_cap_hit))} found more than {HOP_ROW_LIMIT:,} "
                f"{noun}; the largest {HOP_ROW_LIMIT:,} were kept"
                if g.direction == "down"
                else f"hop {', '.join(map(str, g.row_cap_hit))} found more than {HOP_ROW_LIMIT:,} "
                f"{noun}; only {HOP_ROW_LIMIT:,} were kept",
            )
        )
    if g.unexpanded:
        issues.append(
            Issue(
                kind="depth_limit",
                message=f"the depth limit of {g.depth} hops was reached: the {noun} of "
                f"{len(g.unexpanded):,} node(s) at that depth were not fetched",
                nodes=sorted(g.unexpanded)[:50],
            )
        )
    return issues
