"""Shortest and all paths between two subjects: a bounded bidirectional search that does not expand hubs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import Any

from graph_credit.investigate.fetch import Edge, Fetch, check_kinds
from graph_credit.investigate.kinds import ALL_EDGE_KINDS, FULL_FETCH_MAX, NodeId
from graph_credit.investigate.models import HubNote, NodeRef, Path, PathResult
from graph_credit.investigate.search import resolve
from graph_credit.params import ALL_PATHS_HOPS, ALL_PATHS_MAX_PATHS, SHORTEST_MAX_PATHS, SHORTEST_PATH_HOPS
from graph_credit.store.base import GraphStore


class _Side:
    def __init__(self, root: NodeId) -> None:
        self.root = root
        self.dist: dict[NodeId, int] = {root: 0}
        self.parents: dict[NodeId, list[tuple[NodeId, Edge]]] = {root: []}
        self.frontier: list[NodeId] = [root]
        self.level = 0
        self.degree: dict[NodeId, int] = {}


class _BiSearch:
    """Breadth-first from both ends, one level at a time, always expanding the side whose frontier
    has fewer edges. Nodes with more than `hub_degree` edges are reached but never expanded, except
    the two ends, which are expanded only when theirs is the cheaper side."""

    def __init__(
        self,
        f: Fetch,
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
        self.adjacent: dict[NodeId, list[Edge]] = {}
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

    def half_paths(self, side: _Side, n: NodeId, cap: int) -> Iterator[list[Edge]]:
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


def edges_to_path(
    start: NodeId, edges: Sequence[Edge], refs: dict[NodeId, NodeRef], hubs: Iterable[NodeId] = ()
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
    max_hops: int = SHORTEST_PATH_HOPS.default,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    hub_degree: int = FULL_FETCH_MAX,
    max_paths: int = SHORTEST_MAX_PATHS.default,
    max_expanded: int = 1000,
) -> PathResult:
    """Shortest paths (up to `max_paths` of equal length) within `max_hops` (≤ 8) between two
    subjects over the given edge kinds in force on `as_of`, by a bidirectional search that does
    not pass through hubs (more than `hub_degree` edges) unless no other path exists."""
    SHORTEST_PATH_HOPS.check(max_hops)
    SHORTEST_MAX_PATHS.check(max_paths)
    ek = check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    a, b = resolve(store, source), resolve(store, target)
    f = Fetch(store, as_of, lean=True)
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
    paths: list[list[Edge]] = []
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
        paths=[edges_to_path(a.id, p, refs, s.blocked) for p in paths],
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
    max_hops: int = ALL_PATHS_HOPS.default,
    edge_kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    hub_degree: int = FULL_FETCH_MAX,
    max_paths: int = ALL_PATHS_MAX_PATHS.default,
    max_expanded: int = 1000,
) -> PathResult:
    """Every simple path of at most `max_hops` (≤ 6) between two subjects, shortest first, up to
    `max_paths`; hubs (more than `hub_degree` edges) are not expanded, so paths through them are
    found only where both their edges were reached from ordinary nodes (listed in the answer)."""
    ALL_PATHS_HOPS.check(max_hops)
    ALL_PATHS_MAX_PATHS.check(max_paths)
    ek = check_kinds(edge_kinds, ALL_EDGE_KINDS, "edge kind")
    a, b = resolve(store, source), resolve(store, target)
    f = Fetch(store, as_of, lean=True)
    s = _BiSearch(f, a.id, b.id, edge_kinds=ek, hub_degree=hub_degree, max_expanded=max_expanded)
    while s.hops_done() < max_hops and s.step() is not None:
        pass
    graph: dict[NodeId, dict[NodeId, list[Edge]]] = defaultdict(lambda: defaultdict(list))
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
        p = edges_to_path(a.id, [h[0] for h in hops], refs, s.blocked)
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


def distances_to(
    graph: dict[NodeId, dict[NodeId, list[Edge]]], goal: NodeId, *, reverse: bool
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


def walk_paths(
    graph: dict[NodeId, dict[NodeId, list[Edge]]],
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


def hop_edges(graph: dict[NodeId, dict[NodeId, list[Edge]]], nodes: list[NodeId]) -> list[list[Edge]]:
    return [graph[x][y] for x, y in pairwise(nodes)]


def _simple_paths(
    graph: dict[NodeId, dict[NodeId, list[Edge]]],
    a: NodeId,
    b: NodeId,
    max_hops: int,
    max_paths: int,
    *,
    avoid: set[NodeId],
) -> list[tuple[list[NodeId], list[list[Edge]]]]:
    """Simple paths a→b by increasing length, those avoiding `avoid` first within a length; each as
    the node sequence and the parallel edges of each hop."""
    dist = distances_to(graph, b, reverse=False)
    if a == b or a not in dist:
        return []
    out: list[list[NodeId]] = []
    for length in range(dist[a], max_hops + 1):
        batch = walk_paths(graph, a, b, length, dist, limit=4 * max_paths)
        batch.sort(key=lambda p: sum(1 for n in p[1:-1] if n in avoid))
        out += batch
        if len(out) >= max_paths:
            break
    return [(p, hop_edges(graph, p)) for p in out[:max_paths]]
