"""The actual controller: majority control (> 50%) followed to the top of an upstream graph.

A holder's votes in an enterprise are its own stake plus what the companies it controls hold;
cross-holdings are settled together by iteration.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph_credit.ownership.fetch import FetchedGraph, subgraph_issues
from graph_credit.ownership.integrate import topological_order
from graph_credit.ownership.models import Controller, ControlStep, HolderVotes
from graph_credit.ownership.stakes import EPS, Stakes, fmt_date, merge_stakes, over_full, over_full_issue

MAJORITY = 0.5


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

    def __init__(self, g: FetchedGraph, st: Stakes) -> None:
        self.g, self.st = g, st
        self.over = over_full(g, st)
        self.memo: dict[str, _Control] = {}
        self.active: list[str] = []
        self.loops: set[str] = set()  # companies that control each other round a ring
        self.unsettled = False
        self.settling = topological_order(list(g.parties), st.share) is None
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
        cands = {x for x, v in votes.items() if v > MAJORITY + EPS}
        lowest = _lowest(cands, self.chain) if cands else None
        # Stakes whose holders' controllers are unknown change the answer only if they could lift
        # someone without a majority (or someone unseen) above 50%; controllers above `lowest`
        # gaining votes change nothing here.
        weaker = max((v for x, v in votes.items() if x not in cands), default=0.0)
        if unsure > 0 and weaker + unsure <= MAJORITY + EPS:
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


def _control_step(g: FetchedGraph, st: Stakes, solver: _ControlSolver, controlled: str) -> ControlStep:
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


def find_controller(g: FetchedGraph) -> Controller:
    target = g.subject.key
    st = merge_stakes(g.edges)
    solver = _ControlSolver(g, st)
    top = solver.immediate(target)
    chain, undet, _ = solver.chain(target)
    issues = subgraph_issues(g)
    for k in sorted(undet | ({target} if target in solver.over else set())):
        issues.append(over_full_issue(g, st, k, solver.over[k], target))
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
    when = fmt_date(g.as_of)
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
