"""Integrated ownership over an upstream graph, through cycles, and the paths behind it.

Integrated ownership of i in t is ``[(I - A)^-1 - I][i, t]``; only t's column is solved, by
back-substitution in topological order without a cycle, by one sparse LU solve with one. Owners
whose walks meet a target held above 100% or a divergent ring of cross-holdings get no figure.
The largest simple paths come from a bounded best-first search.
"""

from __future__ import annotations

import heapq
import warnings
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import MatrixRankWarning, spsolve

from graph_credit.ownership.fetch import FetchedGraph, subgraph_issues
from graph_credit.ownership.models import EffectiveOwner, EffectiveOwnership, Issue, OwnershipPath
from graph_credit.ownership.stakes import (
    EPS,
    Stakes,
    ancestors,
    descendants,
    fmt_date,
    merge_stakes,
    over_full,
    over_full_issue,
)

PATHS_PER_OWNER = 5
PATH_SEARCH_BUDGET = 5_000  # paths popped by the best-first search
PATH_MIN_PRODUCT = 1e-9


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
        if float(block.sum(axis=0).max()) < 1.0 - EPS:
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


def topological_order(keys: list[str], live: dict[tuple[str, str], float]) -> list[str] | None:
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


def integrated_column(
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


def _integrate(g: FetchedGraph, st: Stakes, target: str) -> _Integrated:
    """Integrated ownership in `target`; owners whose walks meet a bad node get no figure."""
    keys = list(g.parties)
    issues: list[Issue] = []
    undetermined: dict[str, str] = {}

    over = over_full(g, st)
    for k, total in sorted(over.items()):
        issues.append(over_full_issue(g, st, k, total, target))
        why = f"holdings of {g.name(k)} sum to {total:.1%} on {fmt_date(g.as_of)}"
        for a in ancestors([k], st):
            undetermined.setdefault(a, why)
    # Walks that never enter a bad node are exact without the stakes into it.
    live = {pair: s for pair, s in st.share.items() if pair[1] not in over}
    order = topological_order(keys, live)
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
                (set(ring_keys) | descendants(ring_keys, st)) & (ancestors([target], st) | {target})
            )
            names = ", ".join(g.name(k) for k in ring_keys)
            issues.append(
                Issue(
                    kind="divergent_cycle",
                    message=f"cross-holdings among {names} close on themselves on {fmt_date(g.as_of)} "
                    "(I - A is singular or its walk sums diverge): integrated ownership through them is "
                    f"undefined; this affects {', '.join(g.name(k) for k in affected)}",
                    nodes=ring_keys,
                    affected=affected,
                )
            )
            why = f"cross-holdings among {names} close on themselves"
            for k in set(ring_keys) | ancestors(ring_keys, st):
                undetermined.setdefault(k, why)
            ring_nodes |= set(ring_keys)
        if ring_nodes:
            live = {pair: s for pair, s in live.items() if pair[1] not in ring_nodes}
    z = integrated_column(keys, live, target, order=order)
    if not np.all(np.isfinite(z)) or np.any(z < -1e-9):
        issues.append(
            Issue(
                kind="singular",
                message=f"I - A is singular for {g.name(target)} on {fmt_date(g.as_of)}: no integrated "
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
    st: Stakes,
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


def _path_model(g: FetchedGraph, st: Stakes, contribution: float, up_path: tuple[str, ...]) -> OwnershipPath:
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


def effective_ownership(g: FetchedGraph, target: str) -> EffectiveOwnership:
    st = merge_stakes(g.edges)
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
        issues=[*integ.issues, *subgraph_issues(g)],
        truncated=g.truncated,
        depth_limited=bool(g.unexpanded),
        paths_exhaustive=paths.exhaustive,
    )
