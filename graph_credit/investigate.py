"""Investigator queries: search, bounded neighbourhoods, paths, shared links, cycles, records nearby.

Every traversal here walks the graph hop by hop from Python over small indexed queries (one node
per query, `cypher/investigate/`), and asks for a node's degree before fetching its edges. That is
a deliberate choice, measured on LadybugDB 0.22 with 1M enterprises (bench/investigate.py):

- `UNWIND $keys AS k MATCH (n {uscc: k})-[r]-(m)` is planned as a hash join over a full scan of
  the rel tables (1-8 s for a single key), and `n.uscc IN $keys` scans the node table; a lookup of
  one key and its edges takes 0.5-1.5 ms. Node *details* are still fetched in batches (`UNWIND`
  + key lookup without an edge is fast). A node's edges come unfiltered (kind and period filters
  in the text cost more than the rows they save) and are filtered here.
- A hub (a person serving 122,000 enterprises) must never be expanded blindly: its count costs
  under a millisecond, its edges a hundred. Nodes above a degree threshold are counted and
  sampled with typed queries, one per (edge kind, direction, far kind) of the model (`count/*`,
  `sample/*`): typed patterns are the ones whose LIMIT the engine honours, and they count a
  122,000-edge group in 5 ms where a grouped untyped count takes 25-40 ms.
- `start_node(r)` in an undirected LadybugDB pattern is the pattern's left node, not the edge's
  source; the LadybugDB texts read the edge's own source id (`struct_extract(r, '_src')`).

Answers are pydantic models with business keys (USCC, person key, record id, project code) and,
for persons, only the name and the masked ID; tabular ones have `.to_frame()`.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import is_uscc, normalize_uscc
from graph_credit.model import EDGE_KINDS, NODE_KINDS, RecordKind, RecordStatus
from graph_credit.queries import registry
from graph_credit.schema import node_slug
from graph_credit.store.base import GraphStore
from graph_credit.topology import OPEN_END, OPEN_START, TopologyIndex, day_number, index_for

NodeId = tuple[str, str]  # (node kind, business key)
Direction = Literal["out", "in"]

ALL_NODE_KINDS: tuple[str, ...] = tuple(NODE_KINDS)
ALL_EDGE_KINDS: tuple[str, ...] = tuple(EDGE_KINDS)
SUBJECT_KINDS: tuple[str, ...] = ("Enterprise", "Person")
RELATION_EDGES: tuple[str, ...] = ("HOLDS", "LEGAL_REP_OF", "SERVES_AS", "GUARANTEES", "BRANCH_OF")
RECORD_EDGES: tuple[str, ...] = ("SUBJECT_OF", "RESPONSIBLE_FOR")
SHARED_EDGES: tuple[str, ...] = ("LEGAL_REP_OF", "HOLDS", "SERVES_AS")
LINK_KINDS: tuple[str, ...] = ("legal_rep", "shareholder", "executive", "cross_role", "address", "phone")
_LINK_OF_EDGE = {"LEGAL_REP_OF": "legal_rep", "HOLDS": "shareholder", "SERVES_AS": "executive"}

_EVER = (dt.date(1, 1, 1), dt.date(9999, 12, 31))
# Above this many edges (any kind, any period) a node's edges are counted by kind and sampled,
# never fetched whole.
FULL_FETCH_MAX = 500
# Per-node queries on parallel threads: worth it over a network (Neo4j), not in process: on
# LadybugDB 0.22 two threads made each query slower (1.78 against 1.30 ms a node, demo scale).
_WORKERS = {"ladybug": 1, "neo4j": 4}

_EDGE_ORDER = {  # display order of a node's edges, and so which neighbours a cap keeps first
    k: i
    for i, k in enumerate(
        (
            "LEGAL_REP_OF",
            "HOLDS",
            "SERVES_AS",
            "GUARANTEES",
            "BRANCH_OF",
            "PARTICIPATES_IN",
            "SUBJECT_OF",
            "RESPONSIBLE_FOR",
        )
    )
}


# ---------------------------------------------------------------------------------------------
# Answer models
# ---------------------------------------------------------------------------------------------


class NodeRef(BaseModel):
    """A node by business key, with display fields; persons carry only the name and masked ID."""

    kind: str
    key: str
    name: str | None = None
    status: str | None = None
    subkind: str | None = Field(None, description="project kind or credit-record kind")
    id_masked: str | None = None

    @property
    def id(self) -> NodeId:
        return (self.kind, self.key)

    def label(self) -> str:
        if self.kind == "CreditRecord":
            return f"{self.subkind or 'record'} {self.key}"
        return self.name or self.key


class EdgeRef(BaseModel):
    kind: str
    src_kind: str
    src: str
    dst_kind: str
    dst: str
    eid: str | None = None
    role: str | None = None
    ratio: float | None = None
    amount: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class SearchHit(BaseModel):
    kind: str
    key: str
    name: str | None
    match: Literal["uscc", "exact", "prefix", "contains"]
    rank: int
    status: str | None = None
    id_masked: str | None = None


class SearchResult(BaseModel):
    query: str
    kinds: list[str]
    partial: bool
    offset: int
    limit: int
    hits: list[SearchHit]
    has_more: bool

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([h.model_dump() for h in self.hits], columns=list(SearchHit.model_fields))


class Truncation(BaseModel):
    """Edges of one kind and direction at one node that the answer leaves out, counted exactly."""

    node: NodeRef
    edge: str
    direction: Direction
    total: int
    shown: int
    reason: Literal["max_neighbours", "max_nodes"]

    @property
    def not_shown(self) -> int:
        return self.total - self.shown

    def message(self) -> str:
        arrow = "outgoing" if self.direction == "out" else "incoming"
        return f"{self.node.label()}: {self.not_shown:,} more {arrow} {self.edge} neighbours not shown ({self.reason})"


class Unexpanded(BaseModel):
    """A node reached but not expanded because the node cap was full; its degree counts every edge."""

    node: NodeRef
    depth: int
    degree: int

    def message(self) -> str:
        return f"{self.node.label()}: not expanded (max_nodes reached), {self.degree:,} edges of any kind or period"


class NeighbourNode(NodeRef):
    depth: int


class Neighbourhood(BaseModel):
    subject: NodeRef
    hops: int
    as_of: dt.date | None
    edge_kinds: list[str]
    node_kinds: list[str]
    max_nodes: int
    max_neighbours: int
    nodes: list[NeighbourNode]
    edges: list[EdgeRef]
    truncated: list[Truncation]
    unexpanded: list[Unexpanded]

    @property
    def complete(self) -> bool:
        return not self.truncated and not self.unexpanded

    def summary(self) -> list[str]:
        return [t.message() for t in self.truncated] + [u.message() for u in self.unexpanded]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([n.model_dump() for n in self.nodes], columns=list(NeighbourNode.model_fields))

    def edges_frame(self) -> pd.DataFrame:
        return pd.DataFrame([e.model_dump() for e in self.edges], columns=list(EdgeRef.model_fields))


class HubNote(BaseModel):
    node: NodeRef
    degree: int


class Path(BaseModel):
    """A path as node and edge lists: `edges[i]` joins `nodes[i]` and `nodes[i + 1]`; `parallel` holds
    other edges between the same consecutive nodes."""

    nodes: list[NodeRef]
    edges: list[EdgeRef]
    parallel: list[EdgeRef] = []
    through_hubs: list[str] = []

    @property
    def length(self) -> int:
        return len(self.edges)

    def keys(self) -> list[str]:
        return [n.key for n in self.nodes]

    def text(self) -> str:
        out = self.nodes[0].label()
        for e, n in zip(self.edges, self.nodes[1:], strict=True):
            arrow = f"-[{e.kind}]->" if e.dst == n.key else f"<-[{e.kind}]-"
            out += f" {arrow} {n.label()}"
        return out


def _paths_frame(paths: Sequence[Path]) -> pd.DataFrame:
    rows = []
    for i, p in enumerate(paths):
        for j, (e, a, b) in enumerate(zip(p.edges, p.nodes, p.nodes[1:], strict=False)):
            rows.append(
                {
                    "path": i,
                    "hop": j + 1,
                    "length": p.length,
                    "from_kind": a.kind,
                    "from": a.key,
                    "from_name": a.name,
                    "edge": e.kind,
                    "src": e.src,
                    "dst": e.dst,
                    "role": e.role,
                    "ratio": e.ratio,
                    "amount": e.amount,
                    "since": e.since,
                    "until": e.until,
                    "to_kind": b.kind,
                    "to": b.key,
                    "to_name": b.name,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "path",
            "hop",
            "length",
            "from_kind",
            "from",
            "from_name",
            "edge",
            "src",
            "dst",
            "role",
            "ratio",
            "amount",
            "since",
            "until",
            "to_kind",
            "to",
            "to_name",
        ],
    )


class PathResult(BaseModel):
    source: NodeRef
    target: NodeRef
    mode: Literal["shortest", "all"]
    max_hops: int
    as_of: dt.date | None
    edge_kinds: list[str]
    paths: list[Path]
    complete: bool = Field(description="the search covered every path it was asked for within max_hops")
    hubs_not_expanded: list[HubNote]
    notes: list[str]
    nodes_expanded: int
    edges_fetched: int

    def to_frame(self) -> pd.DataFrame:
        return _paths_frame(self.paths)


class SharedLink(BaseModel):
    enterprise: NodeRef
    link: str
    via: NodeRef | None = None
    value: str | None = None
    here: str | None = Field(None, description="the shared party's edge to the subject (kind and role)")
    there: str | None = Field(None, description="the shared party's edge to the other enterprise")


class SharedLinks(BaseModel):
    subject: NodeRef
    as_of: dt.date | None
    links: list[SharedLink]
    truncated: list[str]

    def enterprises(self) -> pd.DataFrame:
        """One row per linked enterprise, with how many links and of which kinds."""
        frame = self.to_frame()
        if frame.empty:
            return pd.DataFrame(columns=["uscc", "name", "links", "kinds"])
        g = frame.groupby(["uscc", "name"], dropna=False)["link"]
        out = g.agg(links="count", kinds=lambda s: ",".join(sorted(set(s)))).reset_index()
        return out.sort_values(["links", "uscc"], ascending=[False, True], ignore_index=True)

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "uscc": s.enterprise.key,
                "name": s.enterprise.name,
                "status": s.enterprise.status,
                "link": s.link,
                "via_kind": s.via.kind if s.via else None,
                "via": s.via.key if s.via else s.value,
                "via_name": s.via.name if s.via else None,
                "via_id_masked": s.via.id_masked if s.via else None,
                "here": s.here,
                "there": s.there,
            }
            for s in self.links
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "uscc",
                "name",
                "status",
                "link",
                "via_kind",
                "via",
                "via_name",
                "via_id_masked",
                "here",
                "there",
            ],
        )


class Cycle(Path):
    share: float | None = Field(None, description="for HOLDS, the product of the ratios around the cycle")


class Cycles(BaseModel):
    subject: NodeRef
    edge_kind: str
    max_hops: int
    as_of: dt.date | None
    cycles: list[Cycle]
    complete: bool
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        frame = _paths_frame(self.cycles)
        frame.insert(1, "share", [self.cycles[i].share for i in frame["path"]] if len(frame) else [])
        return frame


class ChainNode(NodeRef):
    direction: Literal["down", "up"]
    depth: int


class GuaranteeChains(BaseModel):
    """Chains of GUARANTEES from a subject: `down` follows whom it guarantees (its exposure), `up`
    follows who guarantees it, each to `max_hops`."""

    subject: NodeRef
    direction: Literal["down", "up", "both"]
    max_hops: int
    as_of: dt.date | None
    nodes: list[ChainNode]
    chains: list[Path]
    truncated: list[Truncation]
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        return _paths_frame(self.chains)


class RecordRef(BaseModel):
    record_id: str
    kind: str | None
    status: str | None
    category: str | None = None
    level: str | None = None
    authority: str | None = None
    decision_date: dt.date | None = None
    valid_until: dt.date | None = None
    summary: str | None = None


class RecordNear(BaseModel):
    record: RecordRef
    holder: NodeRef
    relation: Literal["subject", "responsible"]
    distance: int = Field(description="hops from the subject to the record's holder")
    path: Path = Field(description="from the subject to the holder, then to the record")


class RecordsNear(BaseModel):
    subject: NodeRef
    hops: int
    as_of: dt.date | None
    records: list[RecordNear]
    subjects_searched: int
    truncated: list[str]

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "record_id": r.record.record_id,
                "kind": r.record.kind,
                "status": r.record.status,
                "authority": r.record.authority,
                "decision_date": r.record.decision_date,
                "valid_until": r.record.valid_until,
                "holder_kind": r.holder.kind,
                "holder": r.holder.key,
                "holder_name": r.holder.name,
                "relation": r.relation,
                "distance": r.distance,
                "path": r.path.text(),
            }
            for r in self.records
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "record_id",
                "kind",
                "status",
                "authority",
                "decision_date",
                "valid_until",
                "holder_kind",
                "holder",
                "holder_name",
                "relation",
                "distance",
                "path",
            ],
        )


class ParamInfo(BaseModel):
    name: str
    type: str
    default: str | None
    required: bool


class FunctionInfo(BaseModel):
    name: str
    module: str
    purpose: str
    params: list[ParamInfo]
    cli: str | None


class QueryInfo(BaseModel):
    name: str
    purpose: str
    mode: str
    params: list[str]
    engines: list[str] = Field(description="engines with a variant of their own; empty: one shared text")


class Catalogue(BaseModel):
    functions: list[FunctionInfo]
    queries: list[QueryInfo]

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "kind": "function",
                "name": f.name,
                "purpose": f.purpose,
                "params": ", ".join(p.name if p.required else f"{p.name}={p.default}" for p in f.params),
            }
            for f in self.functions
        ] + [
            {"kind": f"query ({q.mode})", "name": q.name, "purpose": q.purpose, "params": ", ".join(q.params)}
            for q in self.queries
        ]
        return pd.DataFrame(rows, columns=["kind", "name", "purpose", "params"])


# ---------------------------------------------------------------------------------------------
# Fetching: one node per indexed query, hubs counted and sampled
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Edge:
    kind: str
    src: NodeId
    dst: NodeId
    eid: str | None
    role: str | None = None
    ratio: float | None = None
    amount: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    ix: int | None = None  # the edge's number in the topology index, when it was found there

    @property
    def ident(self) -> tuple[str, str | int | None, NodeId, NodeId]:
        return (self.kind, self.eid if self.ix is None else self.ix, self.src, self.dst)

    def other(self, node: NodeId) -> NodeId:
        return self.dst if self.src == node else self.src

    def direction_at(self, node: NodeId) -> Direction:
        return "out" if self.src == node else "in"

    def ref(self) -> EdgeRef:
        return EdgeRef(
            kind=self.kind,
            src_kind=self.src[0],
            src=self.src[1],
            dst_kind=self.dst[0],
            dst=self.dst[1],
            eid=self.eid,
            role=self.role,
            ratio=self.ratio,
            amount=self.amount,
            since=self.since,
            until=self.until,
        )


@dataclass
class _Adj:
    """What is known of one node's edges under the current filters."""

    node: NodeId
    degree: int  # every edge of any kind and period: the hub test
    edges: list[_Edge]  # every matching edge when `complete`, else a sample
    totals: Counter[tuple[str, Direction]]  # exact matching edges per (edge kind, direction)
    complete: bool


_T = TypeVar("_T")
_R = TypeVar("_R")


@cache
def _pool(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="investigate")


def _triples() -> dict[str, list[tuple[str, Direction, str]]]:
    out: dict[str, list[tuple[str, Direction, str]]] = {k: [] for k in NODE_KINDS}
    for e in EDGE_KINDS.values():
        for src, dst in e.pairs:
            out[src].append((e.name, "out", dst))
            out[dst].append((e.name, "in", src))
    return out


_TRIPLES = _triples()
_SLUG = {name: node_slug(k) for name, k in NODE_KINDS.items()}


def _sample_query_name(kind: str, edge: str, direction: Direction, other: str) -> str:
    """The typed query that samples one (node kind, edge kind, direction, far kind) group."""
    return f"investigate/sample/{_SLUG[kind]}_{edge.lower()}_{direction}_{_SLUG[other]}"


def _count_query_name(
    kind: str, edge: str, direction: Direction, other: str, *, any_period: bool = False
) -> str:
    """The typed query that counts one (node kind, edge kind, direction, far kind) group; with
    `any_period`, for a timed edge kind, the one that skips the (then vacuous) period test."""
    area = "count_ever" if any_period and "since" in EDGE_KINDS[edge].properties else "count"
    return f"investigate/{area}/{_SLUG[kind]}_{edge.lower()}_{direction}_{_SLUG[other]}"


class _Fetch:
    """Per-node queries for one investigation, with the period and a running cost count.

    Where the store keeps a topology index (graph_credit.topology), a node's degree and edges (with
    their properties) come from the index, not from queries: the engine is asked only for node
    details, in batches. The same filters, caps and samples apply either way."""

    def __init__(self, store: GraphStore, as_of: dt.date | None, *, lean: bool = False) -> None:
        self.store = store
        # Searches that touch many edges and keep few (paths, cycles) take edges from the index
        # without their properties, and `complete` them for the answer.
        self.lean = lean
        self.as_of = as_of
        self.valid_from, self.valid_to = (as_of, as_of) if as_of else _EVER
        self.queries = 0
        self.rows = 0
        self._index: TopologyIndex | None = None
        self._index_checked = False

    @property
    def index(self) -> TopologyIndex | None:
        """The store's topology index, looked up once per investigation (fresh for the store's state)."""
        if not self._index_checked:
            self._index = index_for(self.store)
            self._index_checked = True
        return self._index

    def _days(self) -> tuple[int, int]:
        if self.as_of is None:
            return OPEN_START, OPEN_END
        d = day_number(self.as_of, 0)
        return d, d

    def _gid(self, node: NodeId) -> int | None:
        ix = self.index
        return None if ix is None else ix.gid(node[0], node[1])

    def in_period(self, since: dt.date | None, until: dt.date | None) -> bool:
        """The test the period-filtered queries make: in force on some day of [valid_from, valid_to]."""
        return (since is None or since <= self.valid_to) and (until is None or until >= self.valid_from)

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        rows = self.store.read(name, **params)
        self.queries += 1
        self.rows += len(rows)
        return rows

    def _map(self, fn: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
        workers = _WORKERS.get(self.store.engine, 1)
        if len(items) <= 1 or workers <= 1:
            return [fn(i) for i in items]
        return list(_pool(workers).map(fn, items))

    def degree(self, node: NodeId) -> int:
        if self.index is not None:
            gid = self._gid(node)
            return 0 if gid is None else self.index.degree(gid)
        rows = self._read(f"investigate/degree_{_SLUG[node[0]]}", key=node[1])
        return int(rows[0]["degree"]) if rows else 0

    def degrees(self, nodes: Sequence[NodeId]) -> dict[NodeId, int]:
        return dict(zip(nodes, self._map(self.degree, nodes), strict=True))

    def _one(
        self,
        node: NodeId,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        direction: Direction | None,
        limit: int | None,
        degree: int | None,
    ) -> _Adj:
        kind, key = node
        if degree is None:
            degree = self.degree(node)
        if degree == 0:
            return _Adj(node, 0, [], Counter(), True)
        period = {"valid_from": self.valid_from, "valid_to": self.valid_to}
        if self.index is not None:
            gid = self._gid(node)
            assert gid is not None  # its degree is not 0
            return self._from_index(node, gid, degree, edge_kinds, node_kinds, direction, limit)
        if degree <= FULL_FETCH_MAX:
            edges = []
            for r in self._read(f"investigate/edges_{_SLUG[kind]}", key=key):
                d: Direction = "out" if r["outgoing"] else "in"
                if (
                    r["edge"] not in edge_kinds
                    or r["kind"] not in node_kinds
                    or (direction is not None and d != direction)
                    or not self.in_period(r["since"], r["until"])
                ):
                    continue
                far = (r["kind"], r["key"])
                src, dst = (node, far) if d == "out" else (far, node)
                edges.append(_edge(r["edge"], src, dst, r))
            totals = Counter((e.kind, e.direction_at(node)) for e in edges)
            return _Adj(node, degree, _sorted_edges(edges, node), totals, True)
        # A hub: exact counts per (edge kind, direction, far kind) by typed queries, then typed samples.
        groups = []
        for edge, d, other in _TRIPLES[kind]:
            if edge in edge_kinds and other in node_kinds and (direction is None or d == direction):
                name = _count_query_name(kind, edge, d, other, any_period=self.as_of is None)
                rows = self._read(name, key=key, **period)
                if rows and int(rows[0]["n"]) > 0:
                    groups.append((edge, d, other, int(rows[0]["n"])))
        totals: Counter[tuple[str, Direction]] = Counter()
        for edge, d, _, n in groups:
            totals[(edge, d)] += n  # type: ignore[index]
        edges = []
        for edge, d, other, take in _shares(groups, limit):
            rows = self._read(
                _sample_query_name(kind, edge, d, other),
                key=key,
                limit=take,
                **period,  # type: ignore[arg-type]
            )
            for r in rows:
                far = (other, r["key"])
                src, dst = (node, far) if d == "out" else (far, node)
                edges.append(_edge(edge, src, dst, r))
        complete = len(edges) == sum(totals.values())
        return _Adj(node, degree, _sorted_edges(edges, node), totals, complete)

    def _from_index(
        self,
        node: NodeId,
        gid: int,
        degree: int,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        direction: Direction | None,
        limit: int | None,
    ) -> _Adj:
        """The node's matching edges from the index, with their properties; above FULL_FETCH_MAX
        edges, `limit` of them shared out over the (edge kind, direction, far kind) groups as the
        engine's typed samples are, with exact totals."""
        index = self.index
        assert index is not None
        lo, hi = self._days()
        edges, far, out = index.incident(
            gid,
            edge_mask=index.edge_mask(edge_kinds),
            kind_mask=index.kind_mask(node_kinds),
            direction=direction,
            valid_from=lo,
            valid_to=hi,
        )
        names = index.edge_kinds
        e_kind = index.e_kind[edges]
        totals: Counter[tuple[str, Direction]] = Counter()
        for k, o in zip(e_kind.tolist(), out.tolist(), strict=True):
            totals[(names[k], "out" if o else "in")] += 1
        keep = np.arange(len(edges))
        if degree > FULL_FETCH_MAX and limit is not None and len(edges) > limit:
            far_kind = np.searchsorted(index.base, far, side="right") - 1
            group_of: dict[tuple[str, Direction, str], list[int]] = defaultdict(list)
            for i, (k, o, fk) in enumerate(
                zip(e_kind.tolist(), out.tolist(), far_kind.tolist(), strict=True)
            ):
                group_of[(names[k], "out" if o else "in", index.node_kinds[fk])].append(i)
            groups = [(g[0], g[1], g[2], len(ix)) for g, ix in group_of.items()]
            picked = [i for e, d, o, take in _shares(groups, limit) for i in group_of[(e, d, o)][:take]]
            keep = np.array(sorted(picked), dtype=np.int64)
        found = []
        sel = keep.tolist()
        for i, f in zip(sel, index.nodes(far[keep]), strict=True):
            src, dst = (node, f) if out[i] else (f, node)
            e = _Edge(names[int(e_kind[i])], src, dst, None, ix=int(edges[i]))
            found.append(e if self.lean else self.complete(e))
        complete = len(found) == len(edges)
        return _Adj(node, degree, _sorted_edges(found, node), totals, complete)

    def complete(self, e: _Edge) -> _Edge:
        """An edge found in the index, with its properties from the index."""
        index = self.index
        if e.ix is None or index is None or e.eid is not None:
            return e
        value = index.value(e.ix)
        since, until = index.edge_period(e.ix)
        return _Edge(
            e.kind,
            e.src,
            e.dst,
            index.eid(e.ix),
            index.role(e.ix),
            value if e.kind == "HOLDS" else None,
            value if e.kind == "GUARANTEES" else None,
            since,
            until,
            ix=e.ix,
        )

    def adjacency(
        self,
        nodes: Sequence[NodeId],
        *,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str] = ALL_NODE_KINDS,
        direction: Direction | None = None,
        limit: int | None = None,
        degrees: dict[NodeId, int] | None = None,
    ) -> dict[NodeId, _Adj]:
        """Each node's matching edges: all of them up to FULL_FETCH_MAX edges of any kind; above,
        exact counts per kind and `limit` sampled edges (all when `limit` is None)."""
        degrees = degrees or {}
        out = self._map(
            lambda n: self._one(n, edge_kinds, node_kinds, direction, limit, degrees.get(n)), list(nodes)
        )
        return {a.node: a for a in out}

    def details(self, nodes: Iterable[NodeId]) -> dict[NodeId, NodeRef]:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, key in dict.fromkeys(nodes):
            by_kind[kind].append(key)
        out: dict[NodeId, NodeRef] = {}
        for kind, keys in by_kind.items():
            for r in self._read(f"investigate/details_{_SLUG[kind]}", keys=keys):
                out[(kind, r["key"])] = _node_ref(kind, r)
        for node in dict.fromkeys(nodes):  # a node deleted meanwhile still gets a reference
            out.setdefault(node, NodeRef(kind=node[0], key=node[1]))
        return out

    def records(self, keys: Sequence[str]) -> dict[str, RecordRef]:
        out = {}
        for r in self._read("investigate/details_credit_record", keys=list(keys)):
            out[r["key"]] = RecordRef(
                record_id=r["key"],
                kind=r["subkind"],
                status=r["status"],
                category=r["category"],
                level=r["level"],
                authority=r["authority"],
                decision_date=r["decision_date"],
                valid_until=r["valid_until"],
                summary=r["summary"],
            )
        return out


def _shares(
    groups: list[tuple[str, Direction, str, int]], limit: int | None
) -> list[tuple[str, Direction, str, int]]:
    """How many edges to take from each (edge kind, direction, far kind, total) group of a hub so
    that `limit` are taken in all, small groups first and whole, the rest shared evenly."""
    out = []
    remaining = limit
    ordered = sorted(groups, key=lambda g: (g[3], _EDGE_ORDER.get(g[0], 99), g[1], g[2]))
    for i, (edge, d, other, n) in enumerate(ordered):
        if remaining is None:
            take = n
        else:
            share = remaining // (len(ordered) - i)
            take = min(n, max(share, 1 if remaining > 0 else 0))
            remaining -= take
        if take > 0:
            out.append((edge, d, other, take))
    return out


def _edge(kind: str, src: NodeId, dst: NodeId, r: dict[str, Any]) -> _Edge:
    return _Edge(
        kind,
        src,
        dst,
        r.get("eid"),
        r.get("role"),
        r.get("ratio"),
        r.get("amount"),
        r.get("since"),
        r.get("until"),
    )


def _sorted_edges(edges: list[_Edge], node: NodeId) -> list[_Edge]:
    return sorted(
        edges, key=lambda e: (_EDGE_ORDER.get(e.kind, 99), e.direction_at(node), e.other(node), e.eid or "")
    )


def _node_ref(kind: str, r: dict[str, Any]) -> NodeRef:
    return NodeRef(
        kind=kind,
        key=r["key"],
        name=r.get("name"),
        status=r.get("status"),
        subkind=r.get("subkind"),
        id_masked=r.get("id_masked") if kind == "Person" else None,
    )


def _check_kinds(values: Iterable[str] | None, allowed: Sequence[str], what: str) -> list[str]:
    if values is None:
        return list(allowed)
    out = list(dict.fromkeys(values))
    bad = [v for v in out if v not in allowed]
    if bad:
        raise InvalidInput(f"unknown {what} {', '.join(bad)}; known: {', '.join(allowed)}")
    if not out:
        raise InvalidInput(f"no {what} given")
    return out


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}, not {value}")


# ---------------------------------------------------------------------------------------------
# Resolution and search
# ---------------------------------------------------------------------------------------------


def resolve(store: GraphStore, key: str, kind: str | None = None) -> NodeRef:
    """Find a node by business key: a valid USCC is an enterprise; otherwise a person key, a
    project code or a record id, tried in that order (or only `kind`)."""
    key = (key or "").strip()
    if not key:
        raise InvalidInput("no subject key given")
    f = _Fetch(store, None)
    if kind is not None:
        _check_kinds([kind], ALL_NODE_KINDS, "node kind")
        candidates = [(kind, normalize_uscc(key) if kind == "Enterprise" and is_uscc(key) else key)]
    elif is_uscc(key):
        candidates = [("Enterprise", normalize_uscc(key))]
    else:
        candidates = [(k, key) for k in ("Person", "Project", "CreditRecord", "Enterprise")]
    for cand in candidates:
        rows = f._read(f"investigate/details_{_SLUG[cand[0]]}", keys=[cand[1]])
        if rows:
            return _node_ref(cand[0], rows[0])
    raise NotFound(f"no {kind or 'enterprise, person, project or record'} with key {key!r}")


def search(
    store: GraphStore,
    q: str,
    *,
    kinds: Sequence[str] = SUBJECT_KINDS,
    partial: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Find enterprises by USCC (exact) or name, and persons by name; exact matches first, then
    names starting with the text, then names containing it (shorter names first); paginated.
    Persons show only name and masked ID. A valid USCC is looked up by key; a name search scans
    the table (LadybugDB has no text index offline)."""
    text = (q or "").strip()
    if not text:
        raise InvalidInput("empty search text")
    kinds = _check_kinds(kinds, SUBJECT_KINDS, "search kind")
    _check_range("limit", limit, 1, 1000)
    _check_range("offset", offset, 0, 100_000)
    want = offset + limit + 1
    f = _Fetch(store, None)
    hits: list[SearchHit] = []
    match_of = {1: "exact", 2: "prefix", 3: "contains"}
    suffix = "" if partial else "_exact"
    if is_uscc(text):  # a valid code is looked up by the index, never scanned for in names
        if "Enterprise" in kinds:
            for r in f._read("investigate/search_uscc", uscc=normalize_uscc(text)):
                hits.append(
                    SearchHit(
                        kind="Enterprise",
                        key=r["key"],
                        name=r["name"],
                        match="uscc",
                        rank=0,
                        status=r["status"],
                    )
                )
        kinds_by_name: list[str] = []
    else:
        kinds_by_name = kinds
    if "Enterprise" in kinds_by_name:
        for r in f._read(f"investigate/search_enterprise_name{suffix}", q=text, limit=want):
            hits.append(
                SearchHit(
                    kind="Enterprise",
                    key=r["key"],
                    name=r["name"],
                    match=match_of[r["rank"]],
                    rank=int(r["rank"]),
                    status=r["status"],
                )
            )
    if "Person" in kinds_by_name:
        for r in f._read(f"investigate/search_person_name{suffix}", q=text, limit=want):
            hits.append(
                SearchHit(
                    kind="Person",
                    key=r["key"],
                    name=r["name"],
                    match=match_of[r["rank"]],
                    rank=int(r["rank"]),
                    id_masked=r["id_masked"],
                )
            )
    unique = {(h.kind, h.key): h for h in reversed(hits)}  # a USCC hit wins over the same row by name
    ordered = sorted(unique.values(), key=lambda h: (h.rank, len(h.name or ""), h.name or "", h.kind, h.key))
    return SearchResult(
        query=text,
        kinds=list(kinds),
        partial=partial,
        offset=offset,
        limit=limit,
        hits=ordered[offset : offset + limit],
        has_more=len(ordered) > offset + limit,
    )


# ---------------------------------------------------------------------------------------------
# Neighbourhood
# ---------------------------------------------------------------------------------------------


def neighbourhood(
    store: GraphStore,
    subject: str,
    *,
    hops: int = 2,
    node_kinds: Sequence[str] | None = None,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    max_nodes: int = 300,
    max_neighbours: int = 25,
    kind: str | None = None,
) -> Neighbourhood:
    """Nodes and edges within `hops` (1-4) of a subject, filtered by node and edge kind and by the
    edges in force on `as_of`; at most `max_nodes` nodes and `max_neighbours` new neighbours per
    node, with exact counts of what was left out (hubs are counted, never fetched whole)."""
    _check_range("hops", hops, 1, 4)
    _check_range("max_nodes", max_nodes, 1, 10_000)
    _check_range("max_neighbours", max_neighbours, 1, 10_000)
    nk = _check_kinds(node_kinds, ALL_NODE_KINDS, "node kind")
    ek = _check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    root = resolve(store, subject, kind)
    f = _Fetch(store, as_of)
    walk = _Bfs(
        f,
        root.id,
        hops=hops,
        edge_kinds=ek,
        node_kinds=nk,
        max_nodes=max_nodes,
        max_neighbours=max_neighbours,
    )
    walk.run()
    refs = f.details(walk.order)
    refs[root.id] = root
    return Neighbourhood(
        subject=root,
        hops=hops,
        as_of=as_of,
        edge_kinds=ek,
        node_kinds=nk,
        max_nodes=max_nodes,
        max_neighbours=max_neighbours,
        nodes=[NeighbourNode(**refs[n].model_dump(), depth=walk.depth[n]) for n in walk.order],
        edges=[e.ref() for e in walk.edges.values()],
        truncated=[t.model_copy(update={"node": refs[t.node.id]}) for t in walk.truncated],
        unexpanded=[u.model_copy(update={"node": refs[u.node.id]}) for u in walk.unexpanded],
    )


class _Bfs:
    """Breadth-first expansion with a node cap and a per-node cap, chunked so that fetching stops
    once the node cap is full. Keeps the first parent edge of every node (for paths back)."""

    CHUNK = 8

    def __init__(
        self,
        f: _Fetch,
        root: NodeId,
        *,
        hops: int,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        max_nodes: int,
        max_neighbours: int,
        direction: Direction | None = None,
    ) -> None:
        self.f = f
        self.root = root
        self.hops = hops
        self.edge_kinds = edge_kinds
        self.node_kinds = node_kinds
        self.max_nodes = max_nodes
        self.max_neighbours = max_neighbours
        self.direction = direction
        self.depth: dict[NodeId, int] = {root: 0}
        self.order: list[NodeId] = [root]
        self.parent: dict[NodeId, _Edge] = {}
        self.edges: dict[tuple[Any, ...], _Edge] = {}
        self.degree: dict[NodeId, int] = {}
        self.totals: dict[NodeId, Counter[tuple[str, Direction]]] = {}
        self.truncated: list[Truncation] = []
        self.unexpanded: list[Unexpanded] = []

    def run(self) -> None:
        frontier = [self.root]
        for d in range(self.hops):
            nxt: list[NodeId] = []
            i = 0
            while i < len(frontier) and len(self.depth) < self.max_nodes:
                chunk = frontier[i : i + self.CHUNK]
                i += len(chunk)
                adj = self.f.adjacency(
                    chunk,
                    edge_kinds=self.edge_kinds,
                    node_kinds=self.node_kinds,
                    direction=self.direction,
                    limit=self.max_neighbours,
                )
                for n in chunk:
                    self.degree[n] = adj[n].degree
                    self.totals[n] = adj[n].totals
                    nxt.extend(self._take(n, adj[n], d))
            if i < len(frontier):
                rest = frontier[i:]
                for n, deg in self.f.degrees(rest).items():
                    self.degree[n] = deg
                    self.unexpanded.append(Unexpanded(node=NodeRef(kind=n[0], key=n[1]), depth=d, degree=deg))
            frontier = nxt
            if not frontier:
                break
        shown: Counter[tuple[NodeId, str, Direction]] = Counter()
        for e in self.edges.values():
            shown[(e.src, e.kind, "out")] += 1
            shown[(e.dst, e.kind, "in")] += 1
        for n, totals in self.totals.items():
            capped = sum(totals.values()) > self.max_neighbours
            for (edge, direction), total in sorted(totals.items()):
                if total > shown[(n, edge, direction)]:
                    self.truncated.append(
                        Truncation(
                            node=NodeRef(kind=n[0], key=n[1]),
                            edge=edge,
                            direction=direction,
                            total=total,
                            shown=shown[(n, edge, direction)],
                            reason="max_neighbours" if capped else "max_nodes",
                        )
                    )

    def _take(self, n: NodeId, adj: _Adj, d: int) -> list[NodeId]:
        added: list[NodeId] = []
        for e in adj.edges:
            if e.ident in self.edges:
                continue
            far = e.other(n)
            if far not in self.depth:
                if len(added) >= self.max_neighbours or len(self.depth) >= self.max_nodes:
                    continue
                self.depth[far] = d + 1
                self.order.append(far)
                self.parent[far] = e
                added.append(far)
            self.edges[e.ident] = e
        return added

    def path_to(self, n: NodeId) -> list[_Edge]:
        out = []
        while n != self.root:
            e = self.parent[n]
            out.append(e)
            n = e.other(n)
        return out[::-1]


# ---------------------------------------------------------------------------------------------
# Paths: bounded bidirectional search that does not expand hubs
# ---------------------------------------------------------------------------------------------


class _Side:
    def __init__(self, root: NodeId) -> None:
        self.root = root
        self.dist: dict[NodeId, int] = {root: 0}
        self.parents: dict[NodeId, list[tuple[NodeId, _Edge]]] = {root: []}
        self.frontier: list[NodeId] = [root]
        self.level = 0
        self.degree: dict[NodeId, int] = {}


class _BiSearch:
    """Breadth-first from both ends, one level at a time, always expanding the side whose frontier
    has fewer edges. Nodes with more than `hub_degree` edges are reached but never expanded, except
    the two ends, which are expanded only when theirs is the cheaper side."""

    def __init__(
        self,
        f: _Fetch,
        a: NodeId,
        b: NodeId,
        *,
        edge_kinds: Sequence[str],
        hub_degree: int,
        max_expanded: int,
    ) -> None:
        self.f = f
        self.a, self.b = a, b
        self.edge_kinds = edge_kinds
        self.hub_degree = hub_degree
        self.max_expanded = max_expanded
        self.sides = (_Side(a), _Side(b))
        self.sides[1].degree = self.sides[0].degree  # one degree table for both sides
        self.blocked: dict[NodeId, int] = {}
        self.adjacent: dict[NodeId, list[_Edge]] = {}
        self.hub_meetings: list[tuple[int, NodeId]] = []
        self.expanded = 0
        self.rows = 0
        self.truncated = False

    def ensure_degrees(self, nodes: Iterable[NodeId]) -> None:
        """Know the degree of these nodes (both sides share it) and note the hubs among them."""
        known = self.sides[0].degree
        todo = [n for n in dict.fromkeys(nodes) if n not in known]
        known.update(self.f.degrees(todo))
        for n in todo:
            if known[n] > self.hub_degree and n not in (self.a, self.b):
                self.blocked[n] = known[n]

    def _cost(self, side: _Side) -> float:
        """Edges the side's next level would fetch: known degrees, and for nodes not yet counted the
        mean degree of the nodes counted so far (so the larger frontier is never counted for nothing)."""
        known = self.sides[0].degree
        mean = sum(known.values()) / len(known) if known else 1.0
        return sum(known.get(n, mean) for n in side.frontier if n not in self.blocked)

    def step(self) -> tuple[int, list[NodeId]] | None:
        """Expand the cheaper side by one level; returns (side index, newly reached nodes)."""
        if self.expanded == 0:
            self.ensure_degrees([self.a, self.b])
        live = [(self._cost(side), i) for i, side in enumerate(self.sides) if side.frontier]
        if not live:
            return None
        _, i = min(live)
        side = self.sides[i]
        self.ensure_degrees(side.frontier)
        todo = [n for n in side.frontier if n not in self.blocked]
        if self.expanded + len(todo) > self.max_expanded:
            self.truncated = True
            return None
        if not todo:  # only hubs left on this side: it is exhausted, and uses up no hop
            side.frontier = []
            return i, []
        adj = self.f.adjacency(todo, edge_kinds=self.edge_kinds, limit=None, degrees=side.degree)
        new: list[NodeId] = []
        for n in todo:
            a = adj[n]
            self.adjacent[n] = a.edges
            self.rows += len(a.edges)
            self.expanded += 1
            for e in a.edges:
                far = e.other(n)
                if far not in side.dist:
                    side.dist[far] = side.level + 1
                    side.parents[far] = [(n, e)]
                    new.append(far)
                elif side.dist[far] == side.level + 1:
                    side.parents[far].append((n, e))
        side.level += 1
        side.frontier = new
        return i, new

    def hops_done(self) -> int:
        return self.sides[0].level + self.sides[1].level

    def half_paths(self, side: _Side, n: NodeId, cap: int) -> Iterator[list[_Edge]]:
        """Shortest edge lists from the side's root to n (as walked from the root)."""
        if n == side.root:
            yield []
            return
        count = 0
        for prev, e in side.parents[n]:
            for head in self.half_paths(side, prev, cap):
                yield [*head, e]
                count += 1
                if count >= cap:
                    return


def _edges_to_path(
    start: NodeId, edges: Sequence[_Edge], refs: dict[NodeId, NodeRef], hubs: Iterable[NodeId] = ()
) -> Path:
    nodes = [start]
    for e in edges:
        nodes.append(e.other(nodes[-1]))
    hub_set = set(hubs)
    return Path(
        nodes=[refs.get(n) or NodeRef(kind=n[0], key=n[1]) for n in nodes],
        edges=[e.ref() for e in edges],
        through_hubs=[n[1] for n in nodes[1:-1] if n in hub_set],
    )


def _top_hubs(blocked: dict[NodeId, int], top: int = 20) -> list[NodeId]:
    return [n for n, _ in sorted(blocked.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def _hub_notes(blocked: dict[NodeId, int], refs: dict[NodeId, NodeRef], top: int = 20) -> list[HubNote]:
    items = [(n, blocked[n]) for n in _top_hubs(blocked, top)]
    return [HubNote(node=refs.get(n) or NodeRef(kind=n[0], key=n[1]), degree=d) for n, d in items]


def shortest_path(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_hops: int = 8,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    hub_degree: int = FULL_FETCH_MAX,
    max_paths: int = 1,
    max_expanded: int = 1000,
) -> PathResult:
    """Shortest paths (up to `max_paths` of equal length) within `max_hops` (≤ 8) between two
    subjects over the given edge kinds in force on `as_of`, by a bidirectional search that does
    not pass through hubs (more than `hub_degree` edges) unless no other path exists."""
    _check_range("max_hops", max_hops, 1, 8)
    _check_range("max_paths", max_paths, 1, 1000)
    ek = _check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    a, b = resolve(store, source), resolve(store, target)
    f = _Fetch(store, as_of, lean=True)
    s = _BiSearch(f, a.id, b.id, edge_kinds=ek, hub_degree=hub_degree, max_expanded=max_expanded)
    notes: list[str] = []
    found: list[tuple[int, NodeId]] = []
    if a.id == b.id:
        found = [(0, a.id)]
    while not found and s.hops_done() < max_hops:
        stepped = s.step()
        if stepped is None:
            break
        i, new = stepped
        other = s.sides[1 - i]
        meet = [(s.sides[i].dist[n] + other.dist[n], n) for n in new if n in other.dist]
        s.ensure_degrees(n for _, n in meet)  # a meeting node may be a hub not yet in a frontier
        found = [m for m in meet if m[1] not in s.blocked]
        s.hub_meetings += [m for m in meet if m[1] in s.blocked]  # kept in case no clean path exists
    through_hub = False
    if not found and s.hub_meetings:
        found = s.hub_meetings
        through_hub = True
    paths: list[list[_Edge]] = []
    if found:
        best = min(length for length, _ in found)
        for _, m in sorted(set(x for x in found if x[0] == best)):
            for left in s.half_paths(s.sides[0], m, max_paths):
                for right in s.half_paths(s.sides[1], m, max_paths):
                    paths.append(left + right[::-1])
                    if len(paths) >= max_paths:
                        break
                if len(paths) >= max_paths:
                    break
            if len(paths) >= max_paths:
                break
    paths = [[f.complete(e) for e in p] for p in paths]
    node_ids = {n for p in paths for e in p for n in (e.src, e.dst)} | set(_top_hubs(s.blocked))
    refs = f.details(node_ids | {a.id, b.id})
    refs[a.id], refs[b.id] = a, b
    complete = bool(paths) and not through_hub
    if through_hub and not s.truncated:
        notes.append("no path within max_hops avoids hubs: the path shown passes through a hub")
    elif through_hub:
        notes.append(
            f"search stopped at the budget of {max_expanded:,} nodes expanded before a path avoiding hubs "
            "was found: the path shown passes through a hub"
        )
    if not paths and s.truncated:
        notes.append(
            f"search stopped at the budget of {max_expanded:,} nodes expanded before any path was found"
        )
    elif not paths and s.blocked:
        notes.append(
            f"no path within {max_hops} hops avoiding hubs; {len(s.blocked)} hub(s) above {hub_degree} edges "
            "were reached and not expanded, so a path through two or more of them may exist"
        )
    elif not paths:
        notes.append(f"no path within {max_hops} hops")
    if not paths:
        complete = not s.blocked and not s.truncated
    return PathResult(
        source=a,
        target=b,
        mode="shortest",
        max_hops=max_hops,
        as_of=as_of,
        edge_kinds=ek,
        paths=[_edges_to_path(a.id, p, refs, s.blocked) for p in paths],
        complete=complete,
        hubs_not_expanded=_hub_notes(s.blocked, refs),
        notes=notes,
        nodes_expanded=s.expanded,
        edges_fetched=s.rows,
    )


def all_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    hub_degree: int = FULL_FETCH_MAX,
    max_paths: int = 100,
    max_expanded: int = 1000,
) -> PathResult:
    """Every simple path of at most `max_hops` (≤ 6) between two subjects, shortest first, up to
    `max_paths`; hubs (more than `hub_degree` edges) are not expanded, so paths through them are
    found only where both their edges were reached from ordinary nodes (listed in the answer)."""
    _check_range("max_hops", max_hops, 1, 6)
    _check_range("max_paths", max_paths, 1, 10_000)
    ek = _check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    a, b = resolve(store, source), resolve(store, target)
    f = _Fetch(store, as_of, lean=True)
    s = _BiSearch(f, a.id, b.id, edge_kinds=ek, hub_degree=hub_degree, max_expanded=max_expanded)
    while s.hops_done() < max_hops and s.step() is not None:
        pass
    graph: dict[NodeId, dict[NodeId, list[_Edge]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[Any, ...]] = set()
    for edges in s.adjacent.values():
        for e in edges:
            if e.ident in seen:
                continue
            seen.add(e.ident)
            graph[e.src][e.dst].append(e)
            if e.src != e.dst:
                graph[e.dst][e.src].append(e)
    # Nodes reached last on both sides were never in a frontier: know their degrees before ranking.
    s.ensure_degrees(n for side in s.sides for n in side.frontier)
    found = _simple_paths(graph, a.id, b.id, max_hops, max_paths, avoid=set(s.blocked) - {a.id, b.id})
    found = [(p, [[f.complete(e) for e in h] for h in hops]) for p, hops in found]
    node_ids = {n for p, _ in found for n in p} | set(_top_hubs(s.blocked))
    refs = f.details(node_ids | {a.id, b.id})
    refs[a.id], refs[b.id] = a, b
    paths = []
    for _, hops in found:
        p = _edges_to_path(a.id, [h[0] for h in hops], refs, s.blocked)
        p.parallel = [e.ref() for h in hops for e in h[1:]]
        paths.append(p)
    notes = []
    if s.blocked:
        notes.append(
            f"{len(s.blocked)} hub(s) above {hub_degree} edges were not expanded: paths running "
            "through them are listed only where both their edges were reached from ordinary nodes"
        )
    if s.truncated:
        notes.append(f"search stopped at the budget of {max_expanded:,} nodes expanded")
    if len(found) >= max_paths:
        notes.append(f"stopped at max_paths={max_paths}")
    return PathResult(
        source=a,
        target=b,
        mode="all",
        max_hops=max_hops,
        as_of=as_of,
        edge_kinds=ek,
        paths=paths,
        complete=not s.blocked and not s.truncated and len(found) < max_paths,
        hubs_not_expanded=_hub_notes(s.blocked, refs),
        notes=notes,
        nodes_expanded=s.expanded,
        edges_fetched=s.rows,
    )


def _distances_to(
    graph: dict[NodeId, dict[NodeId, list[_Edge]]], goal: NodeId, *, reverse: bool
) -> dict[NodeId, int]:
    """Hops from every node to `goal` inside the fetched subgraph (along the edges when `reverse`)."""
    into: dict[NodeId, set[NodeId]] = defaultdict(set)
    for u, outs in graph.items():
        for v in outs:
            into[v].add(u)
    step = into if reverse else graph
    dist = {goal: 0}
    queue = deque([goal])
    while queue:
        n = queue.popleft()
        for m in step.get(n, ()):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    return dist


def _walks(
    graph: dict[NodeId, dict[NodeId, list[_Edge]]],
    start: NodeId,
    goal: NodeId,
    length: int,
    bound: dict[NodeId, int],
    limit: int,
) -> list[list[NodeId]]:
    """Node sequences start..goal of exactly `length` hops that repeat no node (goal == start gives
    cycles), pruned by `bound`, a lower bound of the hops left to the goal; at most `limit`."""
    out: list[list[NodeId]] = []
    path = [start]
    on_path = {start}
    stack = [iter(sorted(graph.get(start, {})))]
    while stack and len(out) < limit:
        m = next(stack[-1], None)
        if m is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        used = len(path) - 1
        if m == goal:
            if used + 1 == length:
                out.append([*path, goal])
            continue
        if m in on_path or used + 1 + bound.get(m, length + 1) > length:
            continue
        path.append(m)
        on_path.add(m)
        stack.append(iter(sorted(graph.get(m, {}))))
    return out


def _hops(graph: dict[NodeId, dict[NodeId, list[_Edge]]], nodes: list[NodeId]) -> list[list[_Edge]]:
    return [graph[x][y] for x, y in pairwise(nodes)]


def _simple_paths(
    graph: dict[NodeId, dict[NodeId, list[_Edge]]],
    a: NodeId,
    b: NodeId,
    max_hops: int,
    max_paths: int,
    *,
    avoid: set[NodeId],
) -> list[tuple[list[NodeId], list[list[_Edge]]]]:
    """Simple paths a→b by increasing length, those avoiding `avoid` first within a length; each as
    the node sequence and the parallel edges of each hop."""
    dist = _distances_to(graph, b, reverse=False)
    if a == b or a not in dist:
        return []
    out: list[list[NodeId]] = []
    for length in range(dist[a], max_hops + 1):
        batch = _walks(graph, a, b, length, dist, limit=4 * max_paths)
        batch.sort(key=lambda p: sum(1 for n in p[1:-1] if n in avoid))
        out += batch
        if len(out) >= max_paths:
            break
    return [(p, _hops(graph, p)) for p in out[:max_paths]]


# ---------------------------------------------------------------------------------------------
# Shared links (疑似关联)
# ---------------------------------------------------------------------------------------------


def _edge_label(e: _Edge) -> str:
    if e.kind == "HOLDS" and e.ratio is not None:
        return f"HOLDS {e.ratio:.2%}"
    return f"{e.kind} {e.role}" if e.role and e.kind != "LEGAL_REP_OF" else e.kind


def shared_links(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | None = None,
    kinds: Sequence[str] | None = None,
    per_link: int = 50,
    max_parties: int = 200,
) -> SharedLinks:
    """Enterprises that share with this one a legal representative, shareholder, executive (or the
    same person in another of these roles: `cross_role`), registered address or phone; each with
    the shared person (masked) or value, up to `per_link` enterprises per shared party or value."""
    lk = _check_kinds(kinds, LINK_KINDS, "link kind")
    _check_range("per_link", per_link, 1, 10_000)
    subject = resolve(store, uscc, "Enterprise")
    f = _Fetch(store, as_of)
    me = subject.id
    links: list[SharedLink] = []
    truncated: list[str] = []
    party_links = {"legal_rep", "shareholder", "executive", "cross_role"} & set(lk)
    found: list[tuple[NodeId, str, NodeId, str, str]] = []  # (enterprise, link, party, here, there)
    if party_links:
        mine = f.adjacency(
            [me], edge_kinds=SHARED_EDGES, node_kinds=SUBJECT_KINDS, direction="in", limit=max_parties
        )[me]
        if not mine.complete:
            truncated.append(
                f"{subject.label()}: {sum(mine.totals.values()) - len(mine.edges):,} more holders "
                f"and officers not searched (max_parties={max_parties})"
            )
        here: dict[NodeId, list[_Edge]] = defaultdict(list)
        for e in mine.edges:
            here[e.src].append(e)
        parties = list(here)
        adj = f.adjacency(
            parties,
            edge_kinds=SHARED_EDGES,
            node_kinds=("Enterprise",),
            direction="out",
            limit=2 * per_link + 1,
        )
        for p in parties:
            there: dict[NodeId, list[_Edge]] = defaultdict(list)
            for e in adj[p].edges:
                if e.dst != me:
                    there[e.dst].append(e)
            others = sorted(there)
            other_edges = sum(adj[p].totals.values()) - len(here[p])  # same kinds and period on both sides
            shown_edges = sum(len(there[o]) for o in others[:per_link])
            if other_edges > shown_edges:
                truncated.append(
                    f"{p[1]}: {other_edges - shown_edges:,} more edges to other enterprises "
                    f"not shown (per_link={per_link})"
                )
            for other in others[:per_link]:
                mine_kinds = {e.kind for e in here[p]}
                their_kinds = {e.kind for e in there[other]}
                common = mine_kinds & their_kinds
                for k in sorted(common, key=lambda x: _EDGE_ORDER[x]):
                    link = _LINK_OF_EDGE[k]
                    if link in lk:
                        h = next(e for e in here[p] if e.kind == k)
                        t = next(e for e in there[other] if e.kind == k)
                        found.append((other, link, p, _edge_label(h), _edge_label(t)))
                if not common and "cross_role" in lk:
                    found.append(
                        (
                            other,
                            "cross_role",
                            p,
                            ", ".join(sorted(_edge_label(e) for e in here[p])),
                            ", ".join(sorted(_edge_label(e) for e in there[other])),
                        )
                    )
    contact = {"address", "phone"} & set(lk)
    values: list[tuple[NodeId, str, str]] = []
    if contact:
        row = f._read("investigate/details_enterprise", keys=[subject.key])[0]
        address = (row.get("address") or "") if "address" in contact else ""
        phone = (row.get("phone") or "") if "phone" in contact else ""
        for link, value in (("address", address), ("phone", phone)):
            if not value:
                continue
            only = {"address": value if link == "address" else "", "phone": value if link == "phone" else ""}
            rows = f._read("investigate/shared_contacts", uscc=subject.key, limit=per_link + 1, **only)
            total = len(rows)
            if total > per_link:
                total = int(f._read("investigate/shared_contact_counts", uscc=subject.key, **only)[0][link])
            values += [(("Enterprise", r["key"]), link, value) for r in rows[:per_link]]
            if total > per_link:
                truncated.append(
                    f"{link} {value!r}: {total - per_link:,} more enterprises not shown (per_link={per_link})"
                )
    refs = f.details([x[0] for x in found] + [x[2] for x in found] + [x[0] for x in values])
    for other, link, party, h, t in found:
        links.append(SharedLink(enterprise=refs[other], link=link, via=refs[party], here=h, there=t))
    for other, link, value in values:
        links.append(SharedLink(enterprise=refs[other], link=link, value=value))
    links.sort(key=lambda s: (LINK_KINDS.index(s.link), s.enterprise.key, s.via.key if s.via else ""))
    return SharedLinks(subject=subject, as_of=as_of, links=links, truncated=truncated)


# ---------------------------------------------------------------------------------------------
# Cycles and guarantee chains
# ---------------------------------------------------------------------------------------------


def _cycles(
    store: GraphStore,
    uscc: str,
    edge_kind: str,
    *,
    max_hops: int,
    as_of: dt.date | None,
    max_cycles: int,
    max_rows: int,
) -> Cycles:
    _check_range("max_hops", max_hops, 1, 8)
    _check_range("max_cycles", max_cycles, 1, 10_000)
    subject = resolve(store, uscc, "Enterprise")
    f = _Fetch(store, as_of, lean=True)
    s = subject.id
    # Every node of a cycle through s is both below and above s. Grow the two balls (down along the
    # edges, up against them), cheaper side first, until their depths add up to max_hops or one
    # side runs dry; every edge of every such cycle of at most max_hops is then fetched.
    dist = {"out": {s: 0}, "in": {s: 0}}
    frontier: dict[Direction, list[NodeId]] = {"out": [s], "in": [s]}
    level = {"out": 0, "in": 0}
    deg: dict[NodeId, int] = {}
    graph: dict[NodeId, dict[NodeId, list[_Edge]]] = defaultdict(lambda: defaultdict(list))
    seen: set[Any] = set()
    rows = 0
    notes: list[str] = []
    complete = True
    while level["out"] + level["in"] < max_hops and frontier["out"] and frontier["in"]:
        todo = [n for side in frontier.values() for n in side if n not in deg]
        deg.update(f.degrees(todo))
        cost = {d: sum(deg[n] for n in frontier[d]) for d in ("out", "in")}
        d: Direction = "out" if cost["out"] <= cost["in"] else "in"
        if rows + cost[d] > max_rows:
            complete = False
            notes.append(f"stopped at the row budget ({max_rows:,} edges) before depth {max_hops}")
            break
        adj = f.adjacency(
            frontier[d],
            edge_kinds=(edge_kind,),
            node_kinds=("Enterprise",),
            direction=d,
            limit=None,
            degrees=deg,
        )
        new = []
        for n in frontier[d]:
            for e in adj[n].edges:
                rows += 1
                if e.ident not in seen:
                    seen.add(e.ident)
                    graph[e.src][e.dst].append(e)
                far = e.other(n)
                if far not in dist[d]:
                    dist[d][far] = level[d] + 1
                    new.append(far)
        level[d] += 1
        frontier[d] = new
    cycles = _simple_cycles(graph, s, max_hops, max_cycles)
    cycles = [(c, [[f.complete(e) for e in h] for h in hops]) for c, hops in cycles]
    if len(cycles) >= max_cycles:
        complete = False
        notes.append(f"stopped at max_cycles={max_cycles}")
    refs = f.details({n for nodes, _ in cycles for n in nodes})
    refs[s] = subject
    out = []
    for nodes, hops in cycles:
        edges = [h[0] for h in hops]
        share = None
        if edge_kind == "HOLDS" and all(e.ratio is not None for e in edges):
            share = 1.0
            for e in edges:
                share *= e.ratio  # type: ignore[operator]
        out.append(
            Cycle(
                nodes=[refs[n] for n in nodes],
                edges=[e.ref() for e in edges],
                parallel=[e.ref() for h in hops for e in h[1:]],
                share=share,
            )
        )
    return Cycles(
        subject=subject,
        edge_kind=edge_kind,
        max_hops=max_hops,
        as_of=as_of,
        cycles=out,
        complete=complete,
        notes=notes,
    )


def _simple_cycles(
    graph: dict[NodeId, dict[NodeId, list[_Edge]]], s: NodeId, max_hops: int, max_cycles: int
) -> list[tuple[list[NodeId], list[list[_Edge]]]]:
    """Directed cycles through s that repeat no node (a walk twice round a smaller loop is not a new
    cycle), shortest first; each as nodes s..s and the parallel edges of each hop."""
    back = _distances_to(graph, s, reverse=True)
    out: list[list[NodeId]] = []
    for length in range(1, max_hops + 1):
        out += _walks(graph, s, s, length, back, limit=max_cycles - len(out))
        if len(out) >= max_cycles:
            break
    return [(c, _hops(graph, c)) for c in out]


def circular_holdings(
    store: GraphStore,
    uscc: str,
    *,
    max_hops: int = 6,
    as_of: dt.date | None = None,
    max_cycles: int = 50,
    max_rows: int = 200_000,
) -> Cycles:
    """Cycles of HOLDS through an enterprise (A holds B holds ... holds A) of at most `max_hops`
    (≤ 8), each listed once with no node repeated, shortest first, with the product of shares."""
    return _cycles(
        store, uscc, "HOLDS", max_hops=max_hops, as_of=as_of, max_cycles=max_cycles, max_rows=max_rows
    )


def guarantee_circles(
    store: GraphStore,
    uscc: str,
    *,
    max_hops: int = 6,
    as_of: dt.date | None = None,
    max_cycles: int = 50,
    max_rows: int = 200_000,
) -> Cycles:
    """Guarantee circles (互保/联保圈) through an enterprise: cycles of GUARANTEES of at most
    `max_hops` (≤ 8), each listed once with no node repeated, shortest first."""
    return _cycles(
        store, uscc, "GUARANTEES", max_hops=max_hops, as_of=as_of, max_cycles=max_cycles, max_rows=max_rows
    )


def guarantee_chains(
    store: GraphStore,
    uscc: str,
    *,
    direction: Literal["down", "up", "both"] = "both",
    max_hops: int = 4,
    as_of: dt.date | None = None,
    max_nodes: int = 300,
    max_neighbours: int = 50,
    max_chains: int = 200,
) -> GuaranteeChains:
    """Guarantee chains (担保链) from an enterprise up to `max_hops` (≤ 6): `down` to whom it
    guarantees and onwards, `up` to who guarantees it and onwards; capped like neighbourhoods,
    each chain a path from the subject to where the chain ends or the depth runs out."""
    if direction not in ("down", "up", "both"):
        raise InvalidInput(f"direction must be down, up or both, not {direction!r}")
    _check_range("max_hops", max_hops, 1, 6)
    subject = resolve(store, uscc, "Enterprise")
    f = _Fetch(store, as_of)
    nodes: list[tuple[NodeId, str, int]] = []
    chains: list[list[_Edge]] = []
    truncated: list[Truncation] = []
    notes: list[str] = []
    for d in ("down", "up") if direction == "both" else (direction,):
        walk = _Bfs(
            f,
            subject.id,
            hops=max_hops,
            edge_kinds=("GUARANTEES",),
            node_kinds=SUBJECT_KINDS,
            max_nodes=max_nodes,
            max_neighbours=max_neighbours,
            direction="out" if d == "down" else "in",
        )
        walk.run()
        truncated += walk.truncated
        nodes += [(n, d, walk.depth[n]) for n in walk.order[1:]]
        children: dict[NodeId, list[_Edge]] = defaultdict(list)
        for n, e in walk.parent.items():
            children[e.other(n)].append(e)
        leaves = [n for n in walk.order[1:] if not children.get(n)]
        for leaf in leaves:
            if len(chains) >= max_chains:
                notes.append(f"stopped at max_chains={max_chains}")
                break
            chains.append(walk.path_to(leaf))
        if walk.unexpanded:
            notes.append(f"{len(walk.unexpanded)} node(s) not expanded going {d} (max_nodes={max_nodes})")
    refs = f.details([n for n, _, _ in nodes])
    refs[subject.id] = subject
    return GuaranteeChains(
        subject=subject,
        direction=direction,
        max_hops=max_hops,
        as_of=as_of,
        nodes=[ChainNode(**refs[n].model_dump(), direction=d, depth=depth) for n, d, depth in nodes],  # type: ignore[arg-type]
        chains=[_edges_to_path(subject.id, c, refs) for c in chains],
        truncated=[t.model_copy(update={"node": refs.get(t.node.id, t.node)}) for t in truncated],
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------
# Credit records near a subject
# ---------------------------------------------------------------------------------------------


def records_near(
    store: GraphStore,
    subject: str,
    *,
    hops: int = 2,
    record_kinds: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    edge_kinds: Sequence[str] = RELATION_EDGES,
    max_subjects: int = 300,
    max_neighbours: int = 50,
    max_records: int = 1000,
) -> RecordsNear:
    """Credit records of the subject and of subjects reached within `hops` (≤ 4) through holdings,
    legal representation, offices, guarantees and branches (in force on `as_of`), each with the
    path that leads to it; filterable by record kind and status."""
    _check_range("hops", hops, 0, 4)
    rk = _check_kinds(record_kinds, [k.value for k in RecordKind], "record kind")
    st = _check_kinds(statuses, [s.value for s in RecordStatus], "record status")
    ek = _check_kinds(edge_kinds, RELATION_EDGES, "relation edge kind")
    root = resolve(store, subject)
    if root.kind not in SUBJECT_KINDS:
        raise InvalidInput(f"records_near needs an enterprise or a person, not a {root.kind}")
    f = _Fetch(store, as_of)
    walk = _Bfs(
        f,
        root.id,
        hops=hops,
        edge_kinds=ek,
        node_kinds=SUBJECT_KINDS,
        max_nodes=max_subjects,
        max_neighbours=max_neighbours,
    )
    walk.run()
    truncated = [t.message() for t in walk.truncated] + [u.message() for u in walk.unexpanded]
    found: list[tuple[NodeId, _Edge]] = []
    adj = f.adjacency(
        walk.order,
        edge_kinds=RECORD_EDGES,
        node_kinds=("CreditRecord",),
        direction="out",
        limit=max_records,
        degrees=walk.degree,
    )
    for n in walk.order:
        a = adj[n]
        if not a.complete:
            truncated.append(f"{n[1]}: {sum(a.totals.values()) - len(a.edges):,} more records not searched")
        found += [(n, e) for e in a.edges]
    recs = f.records(sorted({e.dst[1] for _, e in found}))
    found = [
        (n, e)
        for n, e in found
        if e.dst[1] in recs and recs[e.dst[1]].kind in rk and recs[e.dst[1]].status in st
    ]
    found.sort(key=lambda x: (walk.depth[x[0]], x[1].dst[1], x[0]))
    if len(found) > max_records:
        truncated.append(f"{len(found) - max_records:,} more records not shown (max_records={max_records})")
        found = found[:max_records]
    refs = f.details(walk.order)
    refs[root.id] = root
    out = []
    for holder, e in found:
        rec = recs[e.dst[1]]
        p = _edges_to_path(root.id, [*walk.path_to(holder), e], refs)
        p.nodes[-1] = NodeRef(
            kind="CreditRecord", key=rec.record_id, subkind=rec.kind, status=rec.status, name=rec.authority
        )
        out.append(
            RecordNear(
                record=rec,
                holder=refs[holder],
                relation="subject" if e.kind == "SUBJECT_OF" else "responsible",
                distance=walk.depth[holder],
                path=p,
            )
        )
    return RecordsNear(
        subject=root,
        hops=hops,
        as_of=as_of,
        records=out,
        subjects_searched=len(walk.order),
        truncated=truncated,
    )


# ---------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------

INVESTIGATOR_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("search", "search"),
    ("resolve", ""),
    ("neighbourhood", "neighbours"),
    ("shortest_path", "path"),
    ("all_paths", "paths"),
    ("shared_links", "shared-links"),
    ("circular_holdings", "cycles --kind holds"),
    ("guarantee_circles", "cycles --kind guarantees"),
    ("guarantee_chains", "guarantee-chains"),
    ("records_near", "records-near"),
    ("catalogue", "catalogue"),
)


def _annotation(p: inspect.Parameter) -> str:
    a = p.annotation
    return a if isinstance(a, str) else getattr(a, "__name__", str(a))


def _function_info(fn: Callable[..., Any], cli: str | None) -> FunctionInfo:
    doc = inspect.getdoc(fn) or ""
    params = [
        ParamInfo(
            name=p.name,
            type=_annotation(p),
            default=None if p.default is inspect.Parameter.empty else repr(p.default),
            required=p.default is inspect.Parameter.empty,
        )
        for p in inspect.signature(fn).parameters.values()
        if p.name != "store"
    ]
    purpose = " ".join(doc.split("\n\n")[0].split())
    return FunctionInfo(name=fn.__name__, module=fn.__module__, purpose=purpose, params=params, cli=cli)


def _ownership_functions() -> list[FunctionInfo]:
    """The ownership questions (graph_credit.ownership) take a store first, like these: list them too."""
    try:
        from graph_credit import ownership
    except ImportError:  # pragma: no cover - the module is optional here
        return []
    out = []
    for name, fn in sorted(vars(ownership).items()):
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != ownership.__name__:
            continue
        params = list(inspect.signature(fn).parameters)
        if params[:1] == ["store"]:
            out.append(_function_info(fn, None))
    return out


def catalogue(area: str | None = None) -> Catalogue:
    """What investigators can ask: these functions (and the ownership ones) with their parameters
    and purposes, and every named query in `cypher/` (optionally one area, e.g. `investigate`) with
    its header."""
    functions = [_function_info(globals()[name], cli or None) for name, cli in INVESTIGATOR_FUNCTIONS]
    functions += _ownership_functions()
    reg = registry()
    queries = []
    for name in reg.names():
        if area and not name.startswith(area.rstrip("/") + "/"):
            continue
        per_engine = {}
        for e in ("ladybug", "neo4j"):
            try:
                per_engine[e] = reg.get(name, e)
            except NotFound:
                continue
        variants = [e for e, q in per_engine.items() if q.engine is not None]
        q = per_engine.get("ladybug") or per_engine["neo4j"]
        queries.append(
            QueryInfo(name=name, purpose=q.purpose, mode=q.mode, params=list(q.params), engines=variants)
        )
    return Catalogue(functions=functions, queries=queries)
