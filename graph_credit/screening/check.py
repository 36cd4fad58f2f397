"""One credit check: resolve the candidate, gather the evidence, grade it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from graph_credit import investigate, punishment
from graph_credit.dates import to_date
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import is_uscc, normalize_uscc
from graph_credit.investigate import NodeRef
from graph_credit.screening import evidence as ev_mod
from graph_credit.screening import grading
from graph_credit.screening.models import (
    CandidateChoice,
    GuaranteeSummary,
    Holder,
    OwnershipSummary,
    ScreeningResult,
)
from graph_credit.screening.policy import Policy, current_policy
from graph_credit.store.base import GraphStore


def as_of_date(as_of: dt.date | str | None) -> dt.date:
    return to_date(as_of)


def resolve_candidate(store: GraphStore, query: str) -> str | CandidateChoice:
    """A USCC as given, or the one enterprise whose name is exactly `query`; otherwise the candidates."""
    text = (query or "").strip()
    if not text:
        raise InvalidInput("a candidate (USCC or enterprise name) is required")
    if is_uscc(text):
        return normalize_uscc(text)
    if len(text) == 18 and text.isalnum():
        raise InvalidInput(f"{text!r} looks like a USCC but its check character is wrong")
    found = investigate.search(store, text, kinds=["Enterprise"], limit=20)
    exact = [h for h in found.hits if h.match == "exact"]
    if len(exact) == 1:
        return exact[0].key
    if not found.hits:
        raise NotFound(f"no enterprise named or containing {text!r}")
    if exact:
        msg = f"{len(exact)} enterprises are named exactly {text!r}: choose one by USCC"
        hits = exact
    else:
        more = "+" if found.has_more else ""
        msg = f"no enterprise is named exactly {text!r}; {len(found.hits)}{more} names contain it: choose one by USCC"
        hits = found.hits
    return CandidateChoice(query=text, candidates=hits, message=msg)


def _ownership_summary(ev: ev_mod.Evidence) -> OwnershipSummary:
    own = ev.ownership
    c = own.controller
    beneficial = {b.party.key for b in own.beneficial.owners}
    holders = [
        Holder(
            party=ev.refs[o.party.key],
            share=o.share,
            direct=o.direct,
            controller=c.controller is not None and o.party.key == c.controller.key,
            beneficial=o.party.key in beneficial,
            path=ev.paths.get(o.party.key),
        )
        for o in sorted(own.effective.owners, key=lambda o: -(o.share or o.direct))
    ]
    return OwnershipSummary(
        controller=ev.refs.get(c.controller.key) if c.controller is not None else None,
        control=c.control,
        controller_message=c.message,
        chain=[ev.refs.get(p.key) or ev_mod.node_of(p) for p in c.chain],
        beneficial_message=own.beneficial.message,
        holders=holders,
        issues=[i.message for i in own.effective.issues],
    )


def check(
    store: GraphStore,
    uscc: str,
    as_of: dt.date,
    policy: Policy,
    *,
    trace: list[tuple[str, dict[str, Any]]] | None = None,
) -> ScreeningResult:
    """Check one enterprise by USCC; `trace`, if given, receives every (query, parameters) issued."""
    ev = ev_mod.gather(store, uscc, as_of, policy)
    if trace is not None:
        trace.extend(ev.calls)
    found = grading.findings(ev, policy)
    inc = grading.incentive(ev, policy)
    # One rule decides the green channel everywhere: the incentive lookup's (004 §11)
    green = punishment.incentive_status(store, uscc, as_of)
    score, grade, verdict, why = grading.decide(found, inc, policy, green)
    restricted = set(k for k, v in ev.restrictions.items() if any(i.state == "active" for i in v))
    officers = [o.model_copy(update={"restricted": o.person.key in restricted}) for o in ev.officers]
    guarantees = GuaranteeSummary(
        links=ev.guarantee_links,
        chain_nodes=[NodeRef(**n.model_dump(include=set(NodeRef.model_fields))) for n in ev.chains.nodes]
        if ev.chains
        else [],
        circles=list(ev.circles.cycles) if ev.circles else [],
    )
    band = policy.grades[grade]
    return ScreeningResult(
        candidate=ev.candidate,
        as_of=as_of,
        grade=grade,
        grade_label=band.label,
        supervision=band.supervision,
        verdict=verdict,
        score=round(score, 4),
        verdict_reason=why,
        findings=found,
        records=ev.records.get(ev.ref.key, []),
        ownership=_ownership_summary(ev),
        officers=officers,
        ties=ev.ties,
        outbound=ev.outbound,
        listings=ev.listings,
        guarantees=guarantees,
        projects=ev.projects,
        incentive=inc,
        # the file name and digest identify the policy; the server's path is no business of a client
        policy=f"{Path(policy.source).name} ({policy.digest})",
        queries=ev.queries,
        notes=list(dict.fromkeys(ev.notes)),
    )


def screen(
    store: GraphStore,
    candidate: str,
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | str | None = None,
) -> ScreeningResult | CandidateChoice:
    """The investment-attraction credit check (000 §3(5)) of one candidate, as on `as_of`: a USCC,
    or a name that resolves to exactly one enterprise; an ambiguous name gives the candidates."""
    pol = policy if isinstance(policy, Policy) else current_policy(policy)
    when = as_of_date(as_of)
    target = resolve_candidate(store, candidate)
    if isinstance(target, CandidateChoice):
        return target
    return check(store, target, when, pol)
