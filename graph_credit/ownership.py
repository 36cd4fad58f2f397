"""Ownership up and down, integrated ownership through cycles, beneficial owners, actual controllers.

The database fetches a bounded subgraph hop by hop (one indexed named query per hop, holdings in
force on `as_of` only, a cap on the nodes fetched); everything else happens here in Python:

- **integrated ownership** of i in t is the sum over all walks i -> t of the product of the shares,
  ``[(I - A)^-1 - I][i, t]`` with ``A[i, j]`` the share of j held directly by i. Only t's column is
  solved, ``(I - A) z = e_t``, never an inverse: by back-substitution in topological order when the
  subgraph has no cycle (I - A is then triangular), by one sparse LU solve (scipy) when it has. A target whose direct holdings
  sum above 100% (beyond `OVER_FULL_TOLERANCE`), or a ring of cross-holdings that closes on itself
  (spectral radius >= 1, e.g. two companies each holding 100% of the other), makes the numbers of
  every owner whose walks pass through it meaningless: those owners are reported as undetermined,
  with the reason, and the rest are computed exactly (walks that never enter the bad node).
- **per-path breakdown**: the simple paths with the largest products, by a bounded best-first search.
- **beneficial owners**: natural persons and state bodies (`org_type` government) whose integrated
  ownership reaches a threshold.
- **actual controller**: majority control (> 50%), counting what a holder holds directly plus what
  the companies it controls hold, followed to the top.

Every answer is a pydantic model carrying its evidence (the holding edges with their dates, shares
and whether the share was derived from subscribed capital) and `to_frame()` for notebooks.
"""

from __future__ import annotations

import datetime as dt
import heapq
import warnings
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from pydantic import BaseModel, Field, computed_field
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import MatrixRankWarning, spsolve

from graph_credit.dates import to_date
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.model import OVER_FULL_TOLERANCE, OrgType
from graph_credit.store.base import GraphStore

DEFAULT_DEPTH = 10
MAX_DEPTH = 30
DEFAULT_MAX_NODES = 5_000
MAX_MAX_NODES = 50_000
#: Rows one hop query returns at most: the literal `LIMIT 10001` in cypher/ownership/*.cypher.
HOP_ROW_LIMIT = 10_000
#: Holdings may sum to 100.5% before a target is flagged (rounding in registry exports).
#: On LadybugDB a frontier of this many keys or fewer is fetched one key per query: the
#: single-key text is planned as a direct index lookup (~0.5 ms), the frontier text has a fixed
#: cost of ~2 ms (ENGINE-NOTES, measured on 1M enterprises / 2M holdings).
LADYBUG_PER_KEY_FRONTIER = 3
DEFAULT_THRESHOLD = 0.25
MAJORITY = 0.5
PATHS_PER_OWNER = 5
PATH_SEARCH_BUDGET = 5_000  # paths popped by the best-first search
PATH_MIN_PRODUCT = 1e-9
_EPS = 1e-12


# ----------------------------------------------------------------------------------------------
# models


class Party(BaseModel):
    """A person or an enterprise (or other organisation) in an ownership answer."""

    key: str = Field(description="USCC of an enterprise, person key (keyed hash) of a person")
    kind: Literal["person", "enterprise"]
    name: str | None = None
    org_type: str | None = None
    id_masked: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_state(self) -> bool:
        """A state body (机关, state-asset supervisor): an enterprise with org_type government."""
        return self.kind == "enterprise" and self.org_type == OrgType.GOVERNMENT.value

    @property
    def label(self) -> str:
        return f"{self.name or '?'} ({self.key})"


class Holding(BaseModel):
    """One HOLDS edge in force on the date asked about: the evidence behind every number."""

    holder: str
    target: str
    ratio: float
    ratio_derived: bool = Field(False, description="share derived from subscribed capital")
    subscribed_capital: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class Issue(BaseModel):
    """Something that stops or limits an answer, said plainly."""

    kind: Literal["over_full", "divergent_cycle", "singular", "node_cap", "row_cap", "depth_limit"]
    message: str
    nodes: list[str] = Field(default_factory=list, description="where the problem is")
    affected: list[str] = Field(
        default_factory=list, description="targets in the chain whose figures it affects"
    )
    total: float | None = Field(None, description="for over_full: the holdings' sum")


class TreeNode(Party):
    level: int = Field(description="hops from the subject (the first time the node was reached)")
    expanded: bool = Field(description="whether its holders (up) or holdings (down) were fetched")


class OwnershipTree(BaseModel):
    """The holdings in force around one subject, fetched hop by hop, up (holders) or down (stakes).

    Cycles are possible, so it is a graph: `edges` hold every holding fetched; `holders_of` and
    `holdings_of` walk it."""

    subject: Party
    direction: Literal["up", "down"]
    as_of: dt.date
    depth: int
    max_nodes: int
    nodes: list[TreeNode]
    edges: list[Holding]
    depth_reached: int
    truncated: bool = Field(description="the node cap or a hop's row cap cut the fetch")
    depth_limited: bool = Field(description="nodes at the depth limit have further links not fetched")
    issues: list[Issue] = Field(default_factory=list)

    def party(self, key: str) -> TreeNode:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)

    def holders_of(self, key: str) -> list[Holding]:
        return [e for e in self.edges if e.target == key]

    def holdings_of(self, key: str) -> list[Holding]:
        return [e for e in self.edges if e.holder == key]

    def to_frame(self) -> pd.DataFrame:
        """One row per holding, with both ends' names and the far end's level."""
        by_key = {n.key: n for n in self.nodes}
        rows = []
        for e in self.edges:
            h, t = by_key[e.holder], by_key[e.target]
            rows.append(
                {
                    "holder": e.holder,
                    "holder_name": h.name,
                    "holder_kind": "state" if h.is_state else h.kind,
                    "target": e.target,
                    "target_name": t.name,
                    "ratio": e.ratio,
                    "ratio_derived": e.ratio_derived,
                    "since": e.since,
                    "until": e.until,
                    "level": h.level if self.direction == "up" else t.level,
                }
            )
        return pd.DataFrame(rows, columns=_TREE_COLUMNS)


_TREE_COLUMNS = [
    "holder",
    "holder_name",
    "holder_kind",
    "target",
    "target_name",
    "ratio",
    "ratio_derived",
    "since",
    "until",
    "level",
]


class OwnershipPath(BaseModel):
    """One simple path from an owner down to the target, and its product of shares."""

    keys: list[str] = Field(description="owner first, target last")
    names: list[str | None]
    shares: list[float] = Field(description="the share at each step (summed over parallel edges)")
    contribution: float
    ratio_derived: bool = Field(description="a step rests on a share derived from subscribed capital")
    edges: list[Holding]

    def describe(self) -> str:
        out = f"{self.names[0] or self.keys[0]}"
        for name, key, share in zip(self.names[1:], self.keys[1:], self.shares, strict=True):
            out += f" -{share:.2%}-> {name or key}"
        return out


class EffectiveOwner(BaseModel):
    party: Party
    share: float | None = Field(description="integrated ownership in the target; None if undetermined")
    direct: float = Field(description="direct share in the target")
    ultimate: bool = Field(description="nobody holds it on the date (persons always)")
    holders_fetched: bool = Field(description="False when the depth limit or the node cap stopped above it")
    paths: list[OwnershipPath] = Field(default_factory=list, description="largest simple paths first")
    via_cycles: float | None = Field(
        None, description="share not explained by simple paths (walks around cross-holdings)"
    )
    ratio_derived: bool = Field(False, description="some evidence share is derived from capital")
    undetermined: str | None = Field(None, description="why no figure is given")


class EffectiveOwnership(BaseModel):
    """Integrated ownership of every owner in the fetched upstream subgraph of one target."""

    target: Party
    as_of: dt.date
    depth: int
    owners: list[EffectiveOwner]
    self_held: float = Field(0.0, description="the target's own integrated holding through cycles")
    edges: list[Holding]
    issues: list[Issue] = Field(default_factory=list)
    truncated: bool = False
    depth_limited: bool = False
    paths_exhaustive: bool = Field(
        True, description="the path search saw every simple path above the minimum product"
    )

    def owner(self, key: str) -> EffectiveOwner:
        for o in self.owners:
            if o.party.key == key:
                return o
        raise KeyError(key)

    def to_frame(self) -> pd.DataFrame:
        return _owners_frame(self.owners)

    def paths_frame(self) -> pd.DataFrame:
        rows = [
            {
                "owner": o.party.key,
                "owner_name": o.party.name,
                "path": p.describe(),
                "contribution": p.contribution,
                "ratio_derived": p.ratio_derived,
            }
            for o in self.owners
            for p in o.paths
        ]
        return pd.DataFrame(rows, columns=["owner", "owner_name", "path", "contribution", "ratio_derived"])


class BeneficialOwner(BaseModel):
    party: Party
    kind: Literal["natural_person", "state"]
    share: float
    direct: float
    paths: list[OwnershipPath]
    via_cycles: float | None = None
    ratio_derived: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def state(self) -> bool:
        return self.kind == "state"


class BeneficialOwnership(BaseModel):
    """Natural persons and state bodies whose integrated ownership reaches the threshold."""

    target: Party
    as_of: dt.date
    threshold: float
    owners: list[BeneficialOwner]
    undetermined: list[EffectiveOwner] = Field(
        default_factory=list, description="persons and state bodies whose share cannot be computed"
    )
    opaque: list[EffectiveOwner] = Field(
        default_factory=list,
        description="enterprises at the top of the known chain, at or above the threshold, whose "
        "own owners are unknown (no holders recorded, or not fetched)",
    )
    issues: list[Issue] = Field(default_factory=list)
    message: str

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "key": b.party.key,
                "name": b.party.name,
                "kind": b.kind,
                "share": b.share,
                "direct": b.direct,
                "ratio_derived": b.ratio_derived,
                "top_path": b.paths[0].describe() if b.paths else None,
            }
            for b in self.owners
        ]
        return pd.DataFrame(
            rows, columns=["key", "name", "kind", "share", "direct", "ratio_derived", "top_path"]
        )


class HolderVotes(BaseModel):
    """A holder's weight in one enterprise: its own stake plus what the companies it controls hold."""

    party: Party
    direct: float
    votes: float
    via: list[Party] = Field(default_factory=list, description="controlled companies whose stakes count")


class ControlStep(BaseModel):
    """`controller` controls `controlled` with `votes` (> 50%), counting `holdings`."""

    controller: Party
    controlled: Party
    votes: float
    via: list[Party] = Field(default_factory=list, description="companies it controls that hold stakes")
    holdings: list[Holding]


class Controller(BaseModel):
    """The actual controller (实际控制人) of an enterprise, by majority control followed to the top."""

    target: Party
    as_of: dt.date
    status: Literal["controlled", "no_controller", "undetermined"]
    controller: Party | None = None
    control: float | None = Field(None, description="the controller's votes in the target")
    chain: list[Party] = Field(default_factory=list, description="controller first, target last")
    steps: list[ControlStep] = Field(default_factory=list, description="one per link, top down")
    largest_holders: list[HolderVotes] = Field(default_factory=list)
    message: str
    issues: list[Issue] = Field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "controller": s.controller.key,
                "controller_name": s.controller.name,
                "controlled": s.controlled.key,
                "controlled_name": s.controlled.name,
                "votes": s.votes,
                "via": ", ".join(p.key for p in s.via),
                "ratio_derived": any(h.ratio_derived for h in s.holdings),
            }
            for s in self.steps
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "controller",
                "controller_name",
                "controlled",
                "controlled_name",
                "votes",
                "via",
                "ratio_derived",
            ],
        )


def _owners_frame(owners: Iterable[EffectiveOwner]) -> pd.DataFrame:
    rows = [
        {
            "key": o.party.key,
            "name": o.party.name,
            "kind": "state" if o.party.is_state else o.party.kind,
            "share": o.share,
            "direct": o.direct,
            "ultimate": o.ultimate,
            "via_cycles": o.via_cycles,
            "ratio_derived": o.ratio_derived,
            "undetermined": o.undetermined,
            "top_path": o.paths[0].describe() if o.paths else None,
        }
        for o in owners
    ]
    columns = ["key", "name", "kind", "share", "direct", "ultimate", "via_cycles", "ratio_derived"]
    return pd.DataFrame(rows, columns=[*columns, "undetermined", "top_path"])


# ----------------------------------------------------------------------------------------------
# fetching


@dataclass
class _Subgraph:
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


def _check_limits(depth: int, max_nodes: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    if not 1 <= max_nodes <= MAX_MAX_NODES:
        raise InvalidInput(f"max_nodes must be between 1 and {MAX_MAX_NODES:,}, not {max_nodes}")


def _enterprise(store: GraphStore, uscc: str) -> Party | None:
    key = uscc.strip().upper()
    rows = store.read("ownership/enterprise", uscc=key)
    if not rows:
        return None
    r = rows[0]
    return Party(key=r["key"], kind="enterprise", name=r["name"], org_type=r["org_type"])


def _resolve(store: GraphStore, subject: str, *, enterprise_only: bool = False) -> Party:
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


def _hop(store: GraphStore, name: str, keys: list[str], as_of: dt.date) -> list[dict[str, Any]]:
    """One hop over the frontier: one query for all keys, or on LadybugDB one per key when few."""
    if store.engine == "ladybug" and len(keys) <= LADYBUG_PER_KEY_FRONTIER:
        rows: list[dict[str, Any]] = []
        for k in keys:
            rows.extend(store.read(f"{name}_one", key=k, as_of=as_of))
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


def _fetch(
    store: GraphStore,
    subject: Party,
    direction: Literal["up", "down"],
    as_of: dt.date,
    depth: int,
    max_nodes: int,
) -> _Subgraph:
    """Breadth-first, one hop per query over the whole frontier, holdings in force on `as_of`."""
    g = _Subgraph(subject, direction, as_of, depth, max_nodes)
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


def _subgraph_issues(g: _Subgraph) -> list[Issue]:
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


def _tree(g: _Subgraph, issues: list[Issue]) -> OwnershipTree:
    nodes = [
        TreeNode(**p.model_dump(exclude={"is_state"}), level=g.level[k], expanded=k in g.expanded)
        for k, p in g.parties.items()
    ]
    return OwnershipTree(
        subject=g.subject,
        direction=g.direction,
        as_of=g.as_of,
        depth=g.depth,
        max_nodes=g.max_nodes,
        nodes=nodes,
        edges=g.edges,
        depth_reached=g.depth_reached,
        truncated=g.truncated,
        depth_limited=bool(g.unexpanded),
        issues=issues,
    )


# ----------------------------------------------------------------------------------------------
# the arithmetic over an upstream subgraph


@dataclass
class _Stakes:
    """Holdings merged per (holder, target) pair: parallel edges in force add up."""

    share: dict[tuple[str, str], float]
    edges: dict[tuple[str, str], list[Holding]]
    holders: dict[str, list[tuple[str, float]]]  # target -> [(holder, share)], largest first
    holdings: dict[str, list[str]]  # holder -> targets
    inflow: dict[str, float]


def _stakes(edges: Iterable[Holding]) -> _Stakes:
    share: dict[tuple[str, str], float] = defaultdict(float)
    ev: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for e in edges:
        share[(e.holder, e.target)] += e.ratio
        ev[(e.holder, e.target)].append(e)
    holders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    holdings: dict[str, list[str]] = defaultdict(list)
    inflow: dict[str, float] = defaultdict(float)
    for (h, t), s in share.items():
        holders[t].append((h, s))
        holdings[h].append(t)
        inflow[t] += s
    for lst in holders.values():
        lst.sort(key=lambda x: (-x[1], x[0]))
    return _Stakes(dict(share), dict(ev), dict(holders), dict(holdings), dict(inflow))


def _over_full(g: _Subgraph, st: _Stakes) -> dict[str, float]:
    return {t: s for t, s in st.inflow.items() if s > 1.0 + OVER_FULL_TOLERANCE}


def _reach(starts: Iterable[str], step: dict[str, list[Any]], pick: Any) -> set[str]:
    seen: set[str] = set()
    todo = deque(starts)
    while todo:
        u = todo.popleft()
        for item in step.get(u, ()):
            v = pick(item)
            if v not in seen:
                seen.add(v)
                todo.append(v)
    return seen


def _ancestors(keys: Iterable[str], st: _Stakes) -> set[str]:
    return _reach(keys, st.holders, lambda x: x[0])


def _descendants(keys: Iterable[str], st: _Stakes) -> set[str]:
    return _reach(keys, st.holdings, lambda x: x)


def _fmt_date(d: dt.date) -> str:
    return d.isoformat()


def _over_full_issue(g: _Subgraph, st: _Stakes, key: str, total: float, target: str) -> Issue:
    affected = sorted(({key} | _descendants([key], st)) & (_ancestors([target], st) | {target}))
    names = ", ".join(g.name(k) for k in affected)
    return Issue(
        kind="over_full",
        message=f"holdings of {g.name(key)} sum to {total:.1%} on {_fmt_date(g.as_of)}: the figures "
        f"of its holders cannot be trusted; this affects {names}",
        nodes=[key],
        affected=affected,
        total=round(total, 6),
    )


def _spectral_radius(block: np.ndarray) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(block)))) if block.size else 0.0


def _divergent_rings(a: sp.csr_matrix, keys: list[str]) -> list[list[int]]:
    """Strongly connected rings of cross-holdings whose walk sums do not converge (radius >= 1)."""
    n = a.shape[0]
    if n == 0 or a.nnz == 0:
        return []
    ncomp, labels = connected_components(a, directed=True, connection="strong")
    if ncomp == n and not np.any(a.diagonal() > 0):
        return []
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(labels):
        members[int(c)].append(i)
    bad = []
    for idx in members.values():
        if len(idx) == 1 and a[idx[0], idx[0]] == 0:
            continue
        block = a[idx][:, idx]
        # Perron-Frobenius: the radius is at most the largest column sum; below 1 is safe.
        if float(block.sum(axis=0).max()) < 1.0 - _EPS:
            continue
        dense = block.toarray()
        if len(idx) > 500:  # a huge ring with a full column: be safe rather than slow
            bad.append(idx)
            continue
        if _spectral_radius(dense) >= 1.0 - 1e-9:
            bad.append(idx)
    return bad


@dataclass
class _Integrated:
    share: dict[str, float | None]
    undetermined: dict[str, str]
    self_held: float
    issues: list[Issue]


def _topological(keys: list[str], live: dict[tuple[str, str], float]) -> list[str] | None:
    """Holders before what they hold (Kahn); None when the stakes contain a cycle."""
    indeg = dict.fromkeys(keys, 0)
    out: dict[str, list[str]] = defaultdict(list)
    for h, t in live:
        out[h].append(t)
        indeg[t] += 1
    order = [k for k in keys if indeg[k] == 0]
    for u in order:  # the list grows while it is walked
        for v in out.get(u, ()):
            indeg[v] -= 1
            if indeg[v] == 0:
                order.append(v)
    return order if len(order) == len(keys) else None


def _column(
    keys: list[str], live: dict[tuple[str, str], float], target: str, *, order: list[str] | None = None
) -> np.ndarray:
    """Column `target` of (I - A)^-1: solve (I - A) z = e_t, with A[i, j] = live[(i, j)].

    Given a topological order (no cycle), I - A is triangular in that order and the solve is plain
    back-substitution, z_i = [i = t] + sum_j A[i, j] z_j, holdings before holders; otherwise one
    sparse LU solve (scipy spsolve). Never an inverse. NaN when the matrix is singular."""
    n = len(keys)
    idx = {k: i for i, k in enumerate(keys)}
    if order is not None:
        holdings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for (h, t), s in live.items():
            holdings[h].append((t, s))
        z = np.zeros(n)
        for k in reversed(order):
            v = 1.0 if k == target else 0.0
            for t, s in holdings.get(k, ()):
                v += s * z[idx[t]]
            z[idx[k]] = v
        return z
    rows = [idx[h] for h, _ in live] + list(range(n))
    cols = [idx[t] for _, t in live] + list(range(n))
    vals = [-s for s in live.values()] + [1.0] * n
    m = sp.csc_matrix((vals, (rows, cols)), shape=(n, n))  # duplicates (self-holdings) add up
    e_t = np.zeros(n)
    e_t[idx[target]] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error", MatrixRankWarning)
        try:
            return np.atleast_1d(spsolve(m, e_t))
        except (MatrixRankWarning, RuntimeError):
            return np.full(n, np.nan)


def _integrate(g: _Subgraph, st: _Stakes, target: str) -> _Integrated:
    """Integrated ownership in `target`; owners whose walks meet a bad node get no figure."""
    keys = list(g.parties)
    issues: list[Issue] = []
    undetermined: dict[str, str] = {}

    over = _over_full(g, st)
    for k, total in sorted(over.items()):
        issues.append(_over_full_issue(g, st, k, total, target))
        why = f"holdings of {g.name(k)} sum to {total:.1%} on {_fmt_date(g.as_of)}"
        for a in _ancestors([k], st):
            undetermined.setdefault(a, why)
    # Walks that never enter a bad node are exact without the stakes into it.
    live = {pair: s for pair, s in st.share.items() if pair[1] not in over}
    order = _topological(keys, live)
    if order is None:
        idx = {k: i for i, k in enumerate(keys)}
        a = sp.csr_matrix(
            ([s for s in live.values()], ([idx[h] for h, _ in live], [idx[t] for _, t in live])),
            shape=(len(keys), len(keys)),
        )
        ring_nodes: set[str] = set()
        for ring in _divergent_rings(a, keys):
            ring_keys = sorted(keys[i] for i in ring)
            affected = sorted(
                (set(ring_keys) | _descendants(ring_keys, st)) & (_ancestors([target], st) | {target})
            )
            names = ", ".join(g.name(k) for k in ring_keys)
            issues.append(
                Issue(
                    kind="divergent_cycle",
                    message=f"cross-holdings among {names} close on themselves on {_fmt_date(g.as_of)} "
                    "(I - A is singular or its walk sums diverge): integrated ownership through them is "
                    f"undefined; this affects {', '.join(g.name(k) for k in affected)}",
                    nodes=ring_keys,
                    affected=affected,
                )
            )
            why = f"cross-holdings among {names} close on themselves"
            for k in set(ring_keys) | _ancestors(ring_keys, st):
                undetermined.setdefault(k, why)
            ring_nodes |= set(ring_keys)
        if ring_nodes:
            live = {pair: s for pair, s in live.items() if pair[1] not in ring_nodes}
    z = _column(keys, live, target, order=order)
    if not np.all(np.isfinite(z)) or np.any(z < -1e-9):
        issues.append(
            Issue(
                kind="singular",
                message=f"I - A is singular for {g.name(target)} on {_fmt_date(g.as_of)}: no integrated "
                "ownership can be given",
                nodes=[target],
                affected=[target],
            )
        )
        for k in keys:
            undetermined.setdefault(k, "I - A is singular")
        z = np.zeros(len(keys))

    share: dict[str, float | None] = {}
    for i, k in enumerate(keys):
        if k != target:
            share[k] = None if k in undetermined else max(float(z[i]), 0.0)
    return _Integrated(share, undetermined, max(float(z[keys.index(target)]) - 1.0, 0.0), issues)


@dataclass
class _Paths:
    top: dict[str, list[tuple[float, tuple[str, ...]]]]
    simple_total: dict[str, float]
    exhaustive: bool


def _top_paths(
    st: _Stakes,
    target: str,
    per_owner: int = PATHS_PER_OWNER,
    budget: int = PATH_SEARCH_BUDGET,
    min_product: float = PATH_MIN_PRODUCT,
) -> _Paths:
    """Best-first over simple paths from the target upward: products only shrink as a path grows,
    so paths come out largest first and each owner's first `per_owner` are its largest."""
    heap: list[tuple[float, tuple[str, ...]]] = [(-1.0, (target,))]
    top: dict[str, list[tuple[float, tuple[str, ...]]]] = defaultdict(list)
    total: dict[str, float] = defaultdict(float)
    exhaustive = True
    pops = 0
    while heap:
        neg, path = heapq.heappop(heap)
        pops += 1
        if pops > budget:
            exhaustive = False
            break
        p = -neg
        u = path[-1]
        if u != target:
            total[u] += p
            if len(top[u]) < per_owner:
                top[u].append((p, path))
        for h, s in st.holders.get(u, ()):
            if h in path:
                continue
            q = p * s
            if q < min_product:
                exhaustive = False
                continue
            heapq.heappush(heap, (-q, (*path, h)))
    return _Paths(dict(top), dict(total), exhaustive)


def _path_model(g: _Subgraph, st: _Stakes, contribution: float, up_path: tuple[str, ...]) -> OwnershipPath:
    keys = list(reversed(up_path))  # owner ... target
    shares, edges = [], []
    for h, t in pairwise(keys):
        shares.append(st.share[(h, t)])
        edges.extend(st.edges[(h, t)])
    return OwnershipPath(
        keys=keys,
        names=[g.parties[k].name for k in keys],
        shares=shares,
        contribution=contribution,
        ratio_derived=any(e.ratio_derived for e in edges),
        edges=edges,
    )


def _effective(g: _Subgraph, target: str) -> EffectiveOwnership:
    st = _stakes(g.edges)
    integ = _integrate(g, st, target)
    paths = _top_paths(st, target)
    owners = []
    for k, share in integ.share.items():
        party = g.parties[k]
        ps = [_path_model(g, st, c, p) for c, p in paths.top.get(k, [])]
        via = None
        if share is not None and paths.exhaustive:
            via = max(share - paths.simple_total.get(k, 0.0), 0.0)
            via = via if via > 1e-12 else 0.0
        fetched = k in g.expanded
        owners.append(
            EffectiveOwner(
                party=party,
                share=share,
                direct=st.share.get((k, target), 0.0),
                ultimate=party.kind == "person" or (fetched and k not in st.holders),
                holders_fetched=fetched,
                paths=ps,
                via_cycles=via,
                ratio_derived=any(p.ratio_derived for p in ps),
                undetermined=integ.undetermined.get(k),
            )
        )
    owners.sort(key=lambda o: (o.share is None, -(o.share or 0.0), o.party.key))
    return EffectiveOwnership(
        target=g.parties[target],
        as_of=g.as_of,
        depth=g.depth,
        owners=owners,
        self_held=integ.self_held,
        edges=g.edges,
        issues=[*integ.issues, *_subgraph_issues(g)],
        truncated=g.truncated,
        depth_limited=bool(g.unexpanded),
        paths_exhaustive=paths.exhaustive,
    )


# ----------------------------------------------------------------------------------------------
# control


@dataclass
class _Control:
    controller: str | None
    votes: dict[str, float]
    members: dict[str, list[str]]  # candidate -> direct holders whose stakes count for it
    undetermined: set[str]  # over-full nodes the answer depends on
    cut: set[str]  # enterprises whose holders were not fetched, met on the way


class _ControlSolver:
    """Majority control over the fetched upstream subgraph.

    Each enterprise has at most one immediate controller: the lowest party whose votes (its own
    stake plus those of the companies under its control, transitively) exceed 50%. Controlled-by
    links form a forest, so every controller of a company lies on one chain to the top.

    Without cycles the answer is computed lazily from the target upward (exact). With
    cross-holdings a company's answer can depend on its own, so all are settled together by
    iteration from "nobody controls anything" until nothing changes (`MAX_PASSES`)."""

    MAX_NESTING = 200
    MAX_PASSES = 100

    def __init__(self, g: _Subgraph, st: _Stakes) -> None:
        self.g, self.st = g, st
        self.over = _over_full(g, st)
        self.memo: dict[str, _Control] = {}
        self.active: list[str] = []
        self.loops: set[str] = set()  # companies that control each other round a ring
        self.unsettled = False
        self.settling = _topological(list(g.parties), st.share) is None
        if self.settling:
            self._settle()

    def _settle(self) -> None:
        order = sorted(
            (k for k, p in self.g.parties.items() if p.kind == "enterprise"),
            key=lambda k: (-self.g.level[k], k),
        )
        for _ in range(self.MAX_PASSES):
            changed = False
            for k in order:
                res = self._compute(k)
                old = self.memo.get(k)
                if old is None or (old.controller, old.undetermined) != (res.controller, res.undetermined):
                    changed = True
                self.memo[k] = res
            if not changed:
                return
        self.unsettled = True

    def chain(self, key: str) -> tuple[list[str], set[str], set[str]]:
        """key, its controller, that one's controller, ... with what the answer rests on."""
        out, undet, cut, cur = [key], set(), set(), key
        while True:
            c = self.immediate(cur)
            undet |= c.undetermined
            cut |= c.cut
            if c.controller is None:
                return out, undet, cut
            if c.controller in out:
                self.loops.update(out[out.index(c.controller) :])
                return out, undet, cut
            cur = c.controller
            out.append(cur)

    def immediate(self, key: str) -> _Control:
        if key in self.memo:
            return self.memo[key]
        if self.settling or key in self.active or len(self.active) > self.MAX_NESTING:
            return _Control(None, {}, {}, set(), set())  # not (yet) known to be controlled
        self.active.append(key)
        try:
            res = self._compute(key)
        finally:
            self.active.pop()
        self.memo[key] = res
        return res

    def _compute(self, key: str) -> _Control:
        if self.g.parties[key].kind == "person":
            return _Control(None, {}, {}, set(), set())
        if key not in self.g.expanded:
            return _Control(None, {}, {}, set(), {key})
        res = self._decide(key)
        if key in self.over:  # the votes are listed, but no controller is named
            res = _Control(None, res.votes, res.members, {key}, res.cut)
        return res

    def _decide(self, key: str) -> _Control:
        votes: dict[str, float] = defaultdict(float)
        members: dict[str, list[str]] = defaultdict(list)
        undet: set[str] = set()
        cut: set[str] = set()
        unsure = 0.0  # stakes whose holders' controllers cannot be determined
        for h, s in self.st.holders.get(key, ()):
            if h == key:  # own shares carry no vote
                continue
            ch, u, c = self.chain(h)
            cut |= c
            if u:
                undet |= u
                unsure += s
            for x in ch:
                votes[x] += s
                members[x].append(h)
        cands = {x for x, v in votes.items() if v > MAJORITY + _EPS}
        lowest = _lowest(cands, self.chain) if cands else None
        # Stakes whose holders' controllers are unknown change the answer only if they could lift
        # someone without a majority (or someone unseen) above 50%; controllers above `lowest`
        # gaining votes change nothing here.
        weaker = max((v for x, v in votes.items() if x not in cands), default=0.0)
        if unsure > 0 and weaker + unsure <= MAJORITY + _EPS:
            undet = set()
        return _Control(lowest, dict(votes), dict(members), undet, cut)


def _lowest(cands: set[str], chain: Any) -> str:
    """The candidate every other candidate controls (the one nearest the company)."""
    if len(cands) == 1:
        return next(iter(cands))
    for x in sorted(cands):
        above = set(chain(x)[0][1:])
        if cands - {x} <= above:
            return x
    return sorted(cands)[0]  # inconsistent data (only with holdings above 100%): any, stably


def _control_step(g: _Subgraph, st: _Stakes, solver: _ControlSolver, controlled: str) -> ControlStep:
    c = solver.immediate(controlled)
    assert c.controller is not None
    holders = c.members[c.controller]
    return ControlStep(
        controller=g.parties[c.controller],
        controlled=g.parties[controlled],
        votes=c.votes[c.controller],
        via=[g.parties[h] for h in holders if h != c.controller],
        holdings=[e for h in holders for e in st.edges[(h, controlled)]],
    )


def _controller(g: _Subgraph) -> Controller:
    target = g.subject.key
    st = _stakes(g.edges)
    solver = _ControlSolver(g, st)
    top = solver.immediate(target)
    chain, undet, _ = solver.chain(target)
    issues = _subgraph_issues(g)
    for k in sorted(undet | ({target} if target in solver.over else set())):
        issues.append(_over_full_issue(g, st, k, solver.over[k], target))
    # One line per control group: a company under someone's control is counted in that one's votes.
    groups = {x: v for x, v in top.votes.items() if solver.immediate(x).controller not in top.votes}
    largest = sorted(groups.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    holders = [
        HolderVotes(
            party=g.parties[x],
            direct=st.share.get((x, target), 0.0),
            votes=v,
            via=[g.parties[h] for h in top.members[x] if h != x],
        )
        for x, v in largest
    ]
    when = _fmt_date(g.as_of)
    tname = g.name(target)
    if target in solver.over:
        return Controller(
            target=g.subject,
            as_of=g.as_of,
            status="undetermined",
            largest_holders=holders,
            message=f"the controller of {tname} cannot be determined: its holdings sum to "
            f"{solver.over[target]:.1%} on {when}",
            issues=issues,
        )
    if undet:
        return Controller(
            target=g.subject,
            as_of=g.as_of,
            status="undetermined",
            largest_holders=holders,
            message=f"the controller of {tname} cannot be determined on {when}: it depends on "
            f"{', '.join(g.name(k) for k in sorted(undet))}, whose holdings sum above 100%",
            issues=issues,
        )
    if len(chain) == 1:
        if not st.holders.get(target):
            msg = f"nobody controls {tname} on {when}: no holdings in force are recorded"
        else:
            listed = ", ".join(f"{h.party.label} {h.votes:.1%}" for h in holders)
            msg = f"nobody controls {tname} on {when} (no one holds more than 50%); largest holders: {listed}"
        return Controller(
            target=g.subject,
            as_of=g.as_of,
            status="no_controller",
            largest_holders=holders,
            message=msg,
            issues=issues,
        )
    root = chain[-1]
    steps = [_control_step(g, st, solver, k) for k in chain[:-1]]
    steps.reverse()
    control = top.votes.get(root)
    if control is None:  # the root's votes at the target count through the chain
        control = max(v for x, v in top.votes.items() if x in chain)
    msg = f"{g.name(root)} controls {tname} on {when} with {control:.1%} of its capital"
    if len(chain) > 2:
        msg += " through " + " -> ".join(g.name(k) for k in reversed(chain[1:-1]))
    if root not in g.expanded:
        msg += f"; the holders of {g.name(root)} were not fetched (depth or node limit): it may be controlled in turn"
    elif g.parties[root].kind == "enterprise" and st.holders.get(root):
        msg += f"; nobody holds a majority of {g.name(root)} itself"
    if solver.loops:
        msg += "; control runs round a ring of companies at " + ", ".join(
            g.name(k) for k in sorted(solver.loops)
        )
    if solver.unsettled:
        msg += (
            f"; control through cross-holdings did not settle in {solver.MAX_PASSES} passes: treat with care"
        )
    return Controller(
        target=g.subject,
        as_of=g.as_of,
        status="controlled",
        controller=g.parties[root],
        control=control,
        chain=[g.parties[k] for k in reversed(chain)],
        steps=steps,
        largest_holders=holders,
        message=msg,
        issues=issues,
    )


# ----------------------------------------------------------------------------------------------
# public functions


def ownership_up(
    store: GraphStore,
    subject: str,
    *,
    as_of: dt.date | str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> OwnershipTree:
    """The holders of `subject` (USCC or person key), their holders, ... up to `depth` hops."""
    when = to_date(as_of)
    _check_limits(depth, max_nodes)
    party = _resolve(store, subject)
    g = _fetch(store, party, "up", when, depth, max_nodes)
    st = _stakes(g.edges)
    over = [_over_full_issue(g, st, k, total, party.key) for k, total in sorted(_over_full(g, st).items())]
    return _tree(g, [*over, *_subgraph_issues(g)])


def ownership_down(
    store: GraphStore,
    subject: str,
    *,
    as_of: dt.date | str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> OwnershipTree:
    """The enterprises `subject` holds, what they hold, ... up to `depth` hops, largest stakes
    first when a hub holds more than the caps allow."""
    when = to_date(as_of)
    _check_limits(depth, max_nodes)
    party = _resolve(store, subject)
    g = _fetch(store, party, "down", when, depth, max_nodes)
    return _tree(g, _subgraph_issues(g))


def _upstream(
    store: GraphStore, uscc: str, as_of: dt.date | str | None, depth: int, max_nodes: int
) -> _Subgraph:
    when = to_date(as_of)
    _check_limits(depth, max_nodes)
    party = _resolve(store, uscc, enterprise_only=True)
    return _fetch(store, party, "up", when, depth, max_nodes)


def effective_owners(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> EffectiveOwnership:
    """Integrated ownership of every holder above the enterprise, through cycles, with paths."""
    g = _upstream(store, uscc, as_of, depth, max_nodes)
    return _effective(g, g.subject.key)


def beneficial_owners(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> BeneficialOwnership:
    """Natural persons and state bodies whose integrated ownership reaches `threshold` (25%)."""
    _check_threshold(threshold)
    g = _upstream(store, uscc, as_of, depth, max_nodes)
    return _beneficial(g, _effective(g, g.subject.key), threshold)


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise InvalidInput(f"threshold must be above 0 and at most 1, not {threshold}")


def _beneficial(g: _Subgraph, eff: EffectiveOwnership, threshold: float) -> BeneficialOwnership:
    owners, undetermined, opaque = [], [], []
    for o in eff.owners:
        natural_or_state = o.party.kind == "person" or o.party.is_state
        if o.share is None:
            if natural_or_state:
                undetermined.append(o)
            continue
        if o.share + _EPS < threshold:
            continue
        if natural_or_state:
            owners.append(
                BeneficialOwner(
                    party=o.party,
                    kind="natural_person" if o.party.kind == "person" else "state",
                    share=o.share,
                    direct=o.direct,
                    paths=o.paths,
                    via_cycles=o.via_cycles,
                    ratio_derived=o.ratio_derived,
                )
            )
        elif not o.holders_fetched or o.ultimate:
            opaque.append(o)
    tname, when = g.name(g.subject.key), _fmt_date(g.as_of)
    if owners:
        listed = ", ".join(f"{b.party.label} {b.share:.1%}{' (state)' if b.state else ''}" for b in owners)
        msg = f"beneficial owners of {tname} on {when} at {threshold:.0%} or more: {listed}"
    else:
        msg = f"no natural person or state body holds {threshold:.0%} or more of {tname} on {when}"
    if undetermined:
        msg += "; undetermined: " + ", ".join(o.party.label for o in undetermined)
    if opaque:
        msg += "; owners unknown behind " + ", ".join(
            f"{o.party.label} {o.share:.1%}" for o in opaque if o.share is not None
        )
    return BeneficialOwnership(
        target=g.subject,
        as_of=g.as_of,
        threshold=threshold,
        owners=owners,
        undetermined=undetermined,
        opaque=opaque,
        issues=eff.issues,
        message=msg,
    )


def actual_controller(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | str | None = None,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Controller:
    """Follow majority control (> 50%, own stake plus controlled companies' stakes) to the top."""
    g = _upstream(store, uscc, as_of, depth, max_nodes)
    return _controller(g)


class OwnershipAnalysis(BaseModel):
    """Integrated owners, beneficial owners and the actual controller from one upstream fetch."""

    effective: EffectiveOwnership
    beneficial: BeneficialOwnership
    controller: Controller


def ownership_analysis(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    depth: int = DEFAULT_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> OwnershipAnalysis:
    """The three upstream answers at the cost of one fetch (a credit check needs all of them)."""
    _check_threshold(threshold)
    g = _upstream(store, uscc, as_of, depth, max_nodes)
    eff = _effective(g, g.subject.key)
    return OwnershipAnalysis(
        effective=eff, beneficial=_beneficial(g, eff, threshold), controller=_controller(g)
    )


__all__ = [
    "BeneficialOwner",
    "BeneficialOwnership",
    "ControlStep",
    "Controller",
    "EffectiveOwner",
    "EffectiveOwnership",
    "HolderVotes",
    "Holding",
    "Issue",
    "OwnershipAnalysis",
    "OwnershipPath",
    "OwnershipTree",
    "Party",
    "TreeNode",
    "actual_controller",
    "beneficial_owners",
    "effective_owners",
    "ownership_analysis",
    "ownership_down",
    "ownership_up",
]
