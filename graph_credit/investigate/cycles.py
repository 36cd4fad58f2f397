"""Circular holdings, guarantee circles (互保/联保圈) and guarantee chains (担保链)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Literal

from graph_credit.errors import InvalidInput
from graph_credit.investigate.fetch import Edge, Fetch
from graph_credit.investigate.kinds import SUBJECT_KINDS, Direction, NodeId
from graph_credit.investigate.models import ChainNode, Cycle, Cycles, GuaranteeChains, Truncation
from graph_credit.investigate.neighbourhood import Bfs
from graph_credit.investigate.paths import distances_to, edges_to_path, hop_edges, walk_paths
from graph_credit.investigate.search import resolve
from graph_credit.params import CHAIN_HOPS, CHAIN_MAX_CHAINS, CHAIN_MAX_NODES, CYCLE_HOPS, MAX_CYCLES
from graph_credit.store.base import GraphStore


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
    CYCLE_HOPS.check(max_hops)
    MAX_CYCLES.check(max_cycles)
    subject = resolve(store, uscc, "Enterprise")
    f = Fetch(store, as_of, lean=True)
    s = subject.id
    # Every node of a cycle through s is both below and above s. Grow the two balls (down along the
    # edges, up against them), cheaper side first, until their depths add up to max_hops or one
    # side runs dry; every edge of every such cycle of at most max_hops is then fetched.
    dist = {"out": {s: 0}, "in": {s: 0}}
    frontier: dict[Direction, list[NodeId]] = {"out": [s], "in": [s]}
    level = {"out": 0, "in": 0}
    deg: dict[NodeId, int] = {}
    graph: dict[NodeId, dict[NodeId, list[Edge]]] = defaultdict(lambda: defaultdict(list))
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
    graph: dict[NodeId, dict[NodeId, list[Edge]]], s: NodeId, max_hops: int, max_cycles: int
) -> list[tuple[list[NodeId], list[list[Edge]]]]:
    """Directed cycles through s that repeat no node (a walk twice round a smaller loop is not a new
    cycle), shortest first; each as nodes s..s and the parallel edges of each hop."""
    back = distances_to(graph, s, reverse=True)
    out: list[list[NodeId]] = []
    for length in range(1, max_hops + 1):
        out += walk_paths(graph, s, s, length, back, limit=max_cycles - len(out))
        if len(out) >= max_cycles:
            break
    return [(c, hop_edges(graph, c)) for c in out]


def circular_holdings(
    store: GraphStore,
    uscc: str,
    *,
    max_hops: int = CYCLE_HOPS.default,
    as_of: dt.date | None = None,
    max_cycles: int = MAX_CYCLES.default,
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
    max_hops: int = CYCLE_HOPS.default,
    as_of: dt.date | None = None,
    max_cycles: int = MAX_CYCLES.default,
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
    max_hops: int = CHAIN_HOPS.default,
    as_of: dt.date | None = None,
    max_nodes: int = CHAIN_MAX_NODES.default,
    max_neighbours: int = 50,
    max_chains: int = CHAIN_MAX_CHAINS.default,
) -> GuaranteeChains:
    """Guarantee chains (担保链) from an enterprise up to `max_hops` (≤ 6): `down` to whom it
    guarantees and onwards, `up` to who guarantees it and onwards; capped like neighbourhoods,
    each chain a path from the subject to where the chain ends or the depth runs out."""
    if direction not in ("down", "up", "both"):
        raise InvalidInput(f"direction must be down, up or both, not {direction!r}")
    CHAIN_HOPS.check(max_hops)
    CHAIN_MAX_NODES.check(max_nodes)
    CHAIN_MAX_CHAINS.check(max_chains)
    subject = resolve(store, uscc, "Enterprise")
    f = Fetch(store, as_of)
    nodes: list[tuple[NodeId, str, int]] = []
    chains: list[list[Edge]] = []
    truncated: list[Truncation] = []
    notes: list[str] = []
    for d in ("down", "up") if direction == "both" else (direction,):
        walk = Bfs(
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
        children: dict[NodeId, list[Edge]] = defaultdict(list)
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
        chains=[edges_to_path(subject.id, c, refs) for c in chains],
        truncated=[t.model_copy(update={"node": refs.get(t.node.id, t.node)}) for t in truncated],
        notes=notes,
    )
