"""Capped k-hop neighbourhoods: breadth-first with a node cap and a per-node cap, hubs counted."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from graph_credit.investigate.fetch import Adjacency, Edge, Fetch, check_kinds
from graph_credit.investigate.kinds import ALL_EDGE_KINDS, ALL_NODE_KINDS, Direction, NodeId
from graph_credit.investigate.models import Neighbourhood, NeighbourNode, NodeRef, Truncation, Unexpanded
from graph_credit.investigate.search import resolve
from graph_credit.params import NEIGHBOUR_HOPS, NEIGHBOUR_MAX_NEIGHBOURS, NEIGHBOUR_MAX_NODES
from graph_credit.store.base import GraphStore


def neighbourhood(
    store: GraphStore,
    subject: str,
    *,
    hops: int = NEIGHBOUR_HOPS.default,
    node_kinds: Sequence[str] | None = None,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    max_nodes: int = NEIGHBOUR_MAX_NODES.default,
    max_neighbours: int = NEIGHBOUR_MAX_NEIGHBOURS.default,
    kind: str | None = None,
) -> Neighbourhood:
    """Nodes and edges within `hops` (1-4) of a subject, filtered by node and edge kind and by the
    edges in force on `as_of`; at most `max_nodes` nodes and `max_neighbours` new neighbours per
    node, with exact counts of what was left out (hubs are counted, never fetched whole)."""
    NEIGHBOUR_HOPS.check(hops)
    NEIGHBOUR_MAX_NODES.check(max_nodes)
    NEIGHBOUR_MAX_NEIGHBOURS.check(max_neighbours)
    nk = check_kinds(node_kinds, ALL_NODE_KINDS, "node kind")
    ek = check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    root = resolve(store, subject, kind)
    f = Fetch(store, as_of, lean=True)  # properties only for the edges the answer keeps
    walk = Bfs(
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
        edges=[f.complete(e).ref() for e in walk.edges.values()],
        truncated=[t.model_copy(update={"node": refs[t.node.id]}) for t in walk.truncated],
        unexpanded=[u.model_copy(update={"node": refs[u.node.id]}) for u in walk.unexpanded],
    )


class Bfs:
    """Breadth-first expansion with a node cap and a per-node cap, chunked so that fetching stops
    once the node cap is full. Keeps the first parent edge of every node (for paths back)."""

    CHUNK = 8

    def __init__(
        self,
        f: Fetch,
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
        self.parent: dict[NodeId, Edge] = {}
        self.edges: dict[tuple[Any, ...], Edge] = {}
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

    def _take(self, n: NodeId, adj: Adjacency, d: int) -> list[NodeId]:
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

    def path_to(self, n: NodeId) -> list[Edge]:
        out = []
        while n != self.root:
            e = self.parent[n]
            out.append(e)
            n = e.other(n)
        return out[::-1]
