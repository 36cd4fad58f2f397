"""The public questions: each resolves its subject, fetches once and answers with a model."""

from __future__ import annotations

import datetime as dt

from graph_credit.dates import to_date
from graph_credit.errors import InvalidInput
from graph_credit.ownership.control import find_controller
from graph_credit.ownership.fetch import (
    DEFAULT_DEPTH,
    DEFAULT_MAX_NODES,
    FetchedGraph,
    check_limits,
    fetch_graph,
    resolve,
    subgraph_issues,
)
from graph_credit.ownership.integrate import effective_ownership
from graph_credit.ownership.models import (
    BeneficialOwner,
    BeneficialOwnership,
    Controller,
    EffectiveOwnership,
    Issue,
    OwnershipAnalysis,
    OwnershipTree,
    TreeNode,
)
from graph_credit.ownership.stakes import EPS, fmt_date, merge_stakes, over_full, over_full_issue
from graph_credit.store.base import GraphStore

DEFAULT_THRESHOLD = 0.25


def _tree(g: FetchedGraph, issues: list[Issue]) -> OwnershipTree:
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
    check_limits(depth, max_nodes)
    party = resolve(store, subject)
    g = fetch_graph(store, party, "up", when, depth, max_nodes)
    st = merge_stakes(g.edges)
    over = [over_full_issue(g, st, k, total, party.key) for k, total in sorted(over_full(g, st).items())]
    return _tree(g, [*over, *subgraph_issues(g)])


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
    check_limits(depth, max_nodes)
    party = resolve(store, subject)
    g = fetch_graph(store, party, "down", when, depth, max_nodes)
    return _tree(g, subgraph_issues(g))


def _upstream(
    store: GraphStore, uscc: str, as_of: dt.date | str | None, depth: int, max_nodes: int
) -> FetchedGraph:
    when = to_date(as_of)
    check_limits(depth, max_nodes)
    party = resolve(store, uscc, enterprise_only=True)
    return fetch_graph(store, party, "up", when, depth, max_nodes)


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
    return effective_ownership(g, g.subject.key)


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
    return _beneficial(g, effective_ownership(g, g.subject.key), threshold)


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise InvalidInput(f"threshold must be above 0 and at most 1, not {threshold}")


def _beneficial(g: FetchedGraph, eff: EffectiveOwnership, threshold: float) -> BeneficialOwnership:
    owners, undetermined, opaque = [], [], []
    for o in eff.owners:
        natural_or_state = o.party.kind == "person" or o.party.is_state
        if o.share is None:
            if natural_or_state:
                undetermined.append(o)
            continue
        if o.share + EPS < threshold:
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
    tname, when = g.name(g.subject.key), fmt_date(g.as_of)
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
    return find_controller(g)


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
    eff = effective_ownership(g, g.subject.key)
    return OwnershipAnalysis(
        effective=eff, beneficial=_beneficial(g, eff, threshold), controller=find_controller(g)
    )
