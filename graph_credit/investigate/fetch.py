"""A node's edges for the walks: from the topology index where the store keeps one, else by queries.

With the index (graph_credit.topology, LadybugDB), a node's degree and its matching edges, with their
properties, are read from arrays, a whole frontier at a time; the engine is asked only for node
details, in batches (`UNWIND` + key lookup, fast). A hub under a cap gets `limit` of its edges,
shared out over its (edge kind, direction, far kind) groups, with exact totals.

Without it (Neo4j, or the index switched off) every node is one small indexed query
(`cypher/investigate/`), its degree asked first. Measured on LadybugDB 0.22 with 1M enterprises
(bench/investigate.py):

- `UNWIND $keys AS k MATCH (n {uscc: k})-[r]-(m)` is planned as a hash join over a full scan of
  the rel tables (1-8 s for a single key), and `n.uscc IN $keys` scans the node table; a lookup of
  one key and its edges takes 0.5-1.5 ms. A node's edges come unfiltered (kind and period filters
  in the text cost more than the rows they save) and are filtered here.
- A hub (a person serving 122,000 enterprises) must never be expanded blindly: its count costs
  under a millisecond, its edges a hundred. Nodes above a degree threshold are counted and
  sampled with typed queries, one per (edge kind, direction, far kind) of the model (`count/*`,
  `sample/*`): typed patterns are the ones whose LIMIT the engine honours, and they count a
  122,000-edge group in 5 ms where a grouped untyped count takes 25-40 ms.
- `start_node(r)` in an undirected LadybugDB pattern is the pattern's left node, not the edge's
  source; the LadybugDB texts read the edge's own source id (`struct_extract(r, '_src')`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

import numpy as np

from graph_credit.errors import InvalidInput
from graph_credit.investigate.kinds import (
    ALL_NODE_KINDS,
    DEGREE_QUERY,
    DETAILS_QUERY,
    EDGE_ORDER,
    EDGES_QUERY,
    EVER,
    WORKERS,
    Direction,
    NodeId,
)
from graph_credit.investigate.models import EdgeRef, NodeRef, RecordRef
from graph_credit.model import EDGE_KINDS, NODE_KINDS
from graph_credit.schema import node_slug
from graph_credit.store.base import GraphStore
from graph_credit.topology import OPEN_END, OPEN_START, TopologyIndex, day_number, index_for


@dataclass(frozen=True)
class Edge:
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
class Adjacency:
    """What is known of one node's edges under the current filters."""

    node: NodeId
    degree: int  # every edge of any kind and period: the hub test
    edges: list[Edge]  # every matching edge when `complete`, else a sample
    totals: Counter[tuple[str, Direction]]  # exact matching edges per (edge kind, direction)
    complete: bool


def _full_fetch_max() -> int:
    """The hub threshold, read from the package when used: one setting (`investigate.FULL_FETCH_MAX`)
    that a notebook or a test may lower."""
    import graph_credit.investigate as package

    return int(package.FULL_FETCH_MAX)


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
SLUG = {name: node_slug(k) for name, k in NODE_KINDS.items()}


def sample_query_name(kind: str, edge: str, direction: Direction, other: str) -> str:
    """The typed query that samples one (node kind, edge kind, direction, far kind) group."""
    return f"investigate/sample/{SLUG[kind]}_{edge.lower()}_{direction}_{SLUG[other]}"


def count_query_name(
    kind: str, edge: str, direction: Direction, other: str, *, any_period: bool = False
) -> str:
    """The typed query that counts one (node kind, edge kind, direction, far kind) group; with
    `any_period`, for a timed edge kind, the one that skips the (then vacuous) period test."""
    area = "count_ever" if any_period and "since" in EDGE_KINDS[edge].properties else "count"
    return f"investigate/{area}/{SLUG[kind]}_{edge.lower()}_{direction}_{SLUG[other]}"


class Fetch:
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
        self.valid_from, self.valid_to = (as_of, as_of) if as_of else EVER
        self.queries = 0
        self.rows = 0
        self._index: TopologyIndex | None = None
        self._index_checked = False
        self._gids: dict[NodeId, int | None] = {}  # nodes met, by their index ids

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
        gid = self._gids.get(node)
        if gid is None:
            ix = self.index
            if ix is None:
                return None
            gid = self._gids[node] = ix.gid(node[0], node[1])
        return gid

    def in_period(self, since: dt.date | None, until: dt.date | None) -> bool:
        """The test the period-filtered queries make: in force on some day of [valid_from, valid_to]."""
        return (since is None or since <= self.valid_to) and (until is None or until >= self.valid_from)

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        rows = self.store.read(name, **params)
        self.queries += 1
        self.rows += len(rows)
        return rows

    def _map(self, fn: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
        workers = WORKERS.get(self.store.engine, 1)
        if len(items) <= 1 or workers <= 1:
            return [fn(i) for i in items]
        return list(_pool(workers).map(fn, items))

    def degree(self, node: NodeId) -> int:
        if self.index is not None:
            gid = self._gid(node)
            return 0 if gid is None else self.index.degree(gid)
        rows = self._read(DEGREE_QUERY[node[0]], key=node[1])
        return int(rows[0]["degree"]) if rows else 0

    def degrees(self, nodes: Sequence[NodeId]) -> dict[NodeId, int]:
        if self.index is not None:
            return {n: self.degree(n) for n in nodes}
        return dict(zip(nodes, self._map(self.degree, nodes), strict=True))

    def _one(
        self,
        node: NodeId,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        direction: Direction | None,
        limit: int | None,
        degree: int | None,
    ) -> Adjacency:
        kind, key = node
        if degree is None:
            degree = self.degree(node)
        if degree == 0:
            return Adjacency(node, 0, [], Counter(), True)
        period = {"valid_from": self.valid_from, "valid_to": self.valid_to}
        if self.index is not None:
            gid = self._gid(node)
            assert gid is not None  # its degree is not 0
            return self._from_index(node, gid, degree, edge_kinds, node_kinds, direction, limit)
        if degree <= _full_fetch_max():
            edges = []
            for r in self._read(EDGES_QUERY[kind], key=key):
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
            return Adjacency(node, degree, _sorted_edges(edges, node), totals, True)
        # A hub: exact counts per (edge kind, direction, far kind) by typed queries, then typed samples.
        groups = []
        for edge, d, other in _TRIPLES[kind]:
            if edge in edge_kinds and other in node_kinds and (direction is None or d == direction):
                name = count_query_name(kind, edge, d, other, any_period=self.as_of is None)
                rows = self._read(name, key=key, **period)
                if rows and int(rows[0]["n"]) > 0:
                    groups.append((edge, d, other, int(rows[0]["n"])))
        totals: Counter[tuple[str, Direction]] = Counter()
        for edge, d, _, n in groups:
            totals[(edge, d)] += n  # type: ignore[index]
        edges = []
        for edge, d, other, take in _shares(groups, limit):
            rows = self._read(
                sample_query_name(kind, edge, d, other),
                key=key,
                limit=take,
                **period,  # type: ignore[arg-type]
            )
            for r in rows:
                far = (other, r["key"])
                src, dst = (node, far) if d == "out" else (far, node)
                edges.append(_edge(edge, src, dst, r))
        complete = len(edges) == sum(totals.values())
        return Adjacency(node, degree, _sorted_edges(edges, node), totals, complete)

    def _from_index(
        self,
        node: NodeId,
        gid: int,
        degree: int,
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        direction: Direction | None,
        limit: int | None,
    ) -> Adjacency:
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
        n_kinds = len(index.node_kinds)
        far_kind = np.searchsorted(index.base, far, side="right") - 1
        # One code per (edge kind, direction, far kind) group, counted and picked from in numpy.
        code = (e_kind.astype(np.int64) * 2 + out) * n_kinds + far_kind
        values, counts = np.unique(code, return_counts=True)
        totals: Counter[tuple[str, Direction]] = Counter()
        groups: list[tuple[str, Direction, str, int]] = []
        for v, n in zip(values.tolist(), counts.tolist(), strict=True):
            ek, rest = divmod(v, 2 * n_kinds)
            is_out, fk = divmod(rest, n_kinds)
            d: Direction = "out" if is_out else "in"
            totals[(names[ek], d)] += n
            groups.append((names[ek], d, index.node_kinds[fk], n))
        keep = np.arange(len(edges))
        if degree > _full_fetch_max() and limit is not None and len(edges) > limit:
            by_code = np.argsort(code, kind="stable")  # each group's rows in index order
            start = dict(zip(values.tolist(), np.searchsorted(code[by_code], values).tolist(), strict=True))
            group_code = {g[:3]: v for g, v in zip(groups, values.tolist(), strict=True)}
            picked = [
                by_code[start[group_code[(e, d, o)]] : start[group_code[(e, d, o)]] + take]
                for e, d, o, take in _shares(groups, limit)
            ]
            keep = np.sort(np.concatenate(picked)) if picked else np.zeros(0, dtype=np.int64)
        found = []
        sel = keep.tolist()
        for i, f in zip(sel, index.nodes(far[keep]), strict=True):
            src, dst = (node, f) if out[i] else (f, node)
            e = Edge(names[int(e_kind[i])], src, dst, None, ix=int(edges[i]))
            found.append(e if self.lean else self.complete(e))
        complete = len(found) == len(edges)
        return Adjacency(node, degree, self._sorted(found, node), totals, complete)

    def _sorted(self, edges: list[Edge], node: NodeId) -> list[Edge]:
        """`_sorted_edges`, for edges from the index that may not carry their identity yet: edges of
        one kind and direction to the same node are put in identity order, as the engine's are."""
        out = _sorted_edges(edges, node)
        index = self.index
        if not self.lean or index is None or len(out) < 2:
            return out
        key = [(e.kind, e.direction_at(node), e.other(node)) for e in out]
        if len(set(key)) == len(key):
            return out
        return sorted(out, key=lambda e: (*_edge_key(e, node)[:3], e.eid or index.eid(e.ix or 0) or ""))

    def complete(self, e: Edge) -> Edge:
        """An edge found in the index, with its properties from the index."""
        index = self.index
        if e.ix is None or index is None or e.eid is not None:
            return e
        value = index.value(e.ix)
        since, until = index.edge_period(e.ix)
        return Edge(
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
    ) -> dict[NodeId, Adjacency]:
        """Each node's matching edges: all of them up to FULL_FETCH_MAX edges of any kind; above,
        exact counts per kind and `limit` sampled edges (all when `limit` is None)."""
        if self.index is not None:
            return self._adjacency_from_index(list(nodes), edge_kinds, node_kinds, direction, limit)
        degrees = degrees or {}
        out = self._map(
            lambda n: self._one(n, edge_kinds, node_kinds, direction, limit, degrees.get(n)), list(nodes)
        )
        return {a.node: a for a in out}

    def _adjacency_from_index(
        self,
        nodes: list[NodeId],
        edge_kinds: Sequence[str],
        node_kinds: Sequence[str],
        direction: Direction | None,
        limit: int | None,
    ) -> dict[NodeId, Adjacency]:
        """`adjacency` for a whole frontier in one pass over the index arrays; a hub under a cap
        goes through `_from_index`, which shares the cap out over its edge groups."""
        index = self.index
        assert index is not None
        result: dict[NodeId, Adjacency] = {}
        present: list[tuple[NodeId, int]] = []
        for n in nodes:
            gid = self._gid(n)
            if gid is None:
                result[n] = Adjacency(n, 0, [], Counter(), True)
            else:
                present.append((n, gid))
        if not present:
            return result
        gids = np.array([g for _, g in present], dtype=np.int64)
        lo, hi = self._days()
        owner, edges, far, out = index.incident_many(
            gids,
            edge_mask=index.edge_mask(edge_kinds),
            kind_mask=index.kind_mask(node_kinds),
            direction=direction,
            valid_from=lo,
            valid_to=hi,
        )
        degrees = index.degrees(gids)
        per_owner = np.bincount(owner, minlength=len(gids))
        degree = degrees.tolist()
        bounds = np.concatenate([[0], np.cumsum(per_owner)]).tolist()
        # A hub under a cap is answered by `_from_index` below: do not decode its far ends here.
        capped = (degrees > _full_fetch_max()) & (per_owner > limit) if limit is not None else None
        if capped is not None and capped.any():
            far_ids: list[NodeId | None] = [None] * len(far)
            wanted = np.flatnonzero(~capped[owner])
            for i, f in zip(wanted.tolist(), index.nodes(far[wanted]), strict=True):
                far_ids[i] = f
        else:
            far_ids = list(index.nodes(far))
        self._gids.update((f, g) for f, g in zip(far_ids, far.tolist(), strict=True) if f is not None)
        names = index.edge_kinds
        kinds, outs, numbers = index.e_kind[edges].tolist(), out.tolist(), edges.tolist()
        for j, (node, gid) in enumerate(present):
            a, b = bounds[j], bounds[j + 1]
            if degree[j] > _full_fetch_max() and limit is not None and b - a > limit:
                result[node] = self._from_index(
                    node, gid, degree[j], edge_kinds, node_kinds, direction, limit
                )
                continue
            found = []
            totals: Counter[tuple[str, Direction]] = Counter()
            for i in range(a, b):
                kind = names[kinds[i]]
                if outs[i]:
                    e = Edge(kind, node, far_ids[i], None, ix=numbers[i])
                    totals[(kind, "out")] += 1
                else:
                    e = Edge(kind, far_ids[i], node, None, ix=numbers[i])
                    totals[(kind, "in")] += 1
                found.append(e if self.lean else self.complete(e))
            result[node] = Adjacency(node, degree[j], self._sorted(found, node), totals, True)
        return result

    def details(self, nodes: Iterable[NodeId]) -> dict[NodeId, NodeRef]:
        """Display fields of the nodes: from the index where it has them (a cold batch of a few
        hundred nodes costs the engine 45-65 ms at city scale), else one query per node kind."""
        by_kind: dict[str, list[str]] = defaultdict(list)
        out: dict[NodeId, NodeRef] = {}
        index = self.index
        for kind, key in dict.fromkeys(nodes):
            gid = self._gid((kind, key)) if index is not None else None
            if gid is None:
                by_kind[kind].append(key)
                continue
            assert index is not None
            name, status, subkind, masked = index.display(gid)
            out[(kind, key)] = NodeRef(
                kind=kind,
                key=key,
                name=name,
                status=status,
                subkind=subkind,
                id_masked=masked if kind == "Person" else None,
            )
        for kind, keys in by_kind.items():
            for r in self._read(DETAILS_QUERY[kind], keys=keys):
                out[(kind, r["key"])] = node_ref(kind, r)
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
    ordered = sorted(groups, key=lambda g: (g[3], EDGE_ORDER.get(g[0], 99), g[1], g[2]))
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


def _edge(kind: str, src: NodeId, dst: NodeId, r: dict[str, Any]) -> Edge:
    return Edge(
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


def _edge_key(e: Edge, node: NodeId) -> tuple[int, str, NodeId, str]:
    return (EDGE_ORDER.get(e.kind, 99), e.direction_at(node), e.other(node), e.eid or "")


def _sorted_edges(edges: list[Edge], node: NodeId) -> list[Edge]:
    return sorted(edges, key=lambda e: _edge_key(e, node))


def node_ref(kind: str, r: dict[str, Any]) -> NodeRef:
    return NodeRef(
        kind=kind,
        key=r["key"],
        name=r.get("name"),
        status=r.get("status"),
        subkind=r.get("subkind"),
        id_masked=r.get("id_masked") if kind == "Person" else None,
    )


def check_kinds(values: Iterable[str] | None, allowed: Sequence[str], what: str) -> list[str]:
    if values is None:
        return list(allowed)
    out = list(dict.fromkeys(values))
    bad = [v for v in out if v not in allowed]
    if bad:
        raise InvalidInput(f"unknown {what} {', '.join(bad)}; known: {', '.join(allowed)}")
    if not out:
        raise InvalidInput(f"no {what} given")
    return out


def check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise InvalidInput(f"{name} must be between {low} and {high}, not {value}")
