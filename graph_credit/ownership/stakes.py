"""Holdings merged into stakes per (holder, target) pair, and what reaches what through them.

Shared by the integration arithmetic and the controller solver: both read the same merged
stakes, and both flag a target whose holdings sum above 100% the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph_credit.model import OVER_FULL_TOLERANCE
from graph_credit.ownership.fetch import FetchedGraph
from graph_credit.ownership.models import Holding, Issue

EPS = 1e-12  # shares and votes closer than this count as equal


@dataclass
class Stakes:
    """Holdings merged per (holder, target) pair: parallel edges in force add up."""

    share: dict[tuple[str, str], float]
    edges: dict[tuple[str, str], list[Holding]]
    holders: dict[str, list[tuple[str, float]]]  # target -> [(holder, share)], largest first
    holdings: dict[str, list[str]]  # holder -> targets
    inflow: dict[str, float]


def merge_stakes(edges: Iterable[Holding]) -> Stakes:
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
    return Stakes(dict(share), dict(ev), dict(holders), dict(holdings), dict(inflow))


def over_full(g: FetchedGraph, st: Stakes) -> dict[str, float]:
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


def ancestors(keys: Iterable[str], st: Stakes) -> set[str]:
    return _reach(keys, st.holders, lambda x: x[0])


def descendants(keys: Iterable[str], st: Stakes) -> set[str]:
    return _reach(keys, st.holdings, lambda x: x)


def fmt_date(d: dt.date) -> str:
    return d.isoformat()


def over_full_issue(g: FetchedGraph, st: Stakes, key: str, total: float, target: str) -> Issue:
    affected = sorted(({key} | descendants([key], st)) & (ancestors([target], st) | {target}))
    names = ", ".join(g.name(k) for k in affected)
    return Issue(
        kind="over_full",
        message=f"holdings of {g.name(key)} sum to {total:.1%} on {fmt_date(g.as_of)}: the figures "
        f"of its holders cannot be trusted; this affects {names}",
        nodes=[key],
        affected=affected,
        total=round(total, 6),
    )
