"""Converters: every query answer (a neighbourhood, paths, an ownership tree) to a `Subgraph`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from graph_credit.explore.subgraph import SubEdge, Subgraph, SubNode, node_id
from graph_credit.investigate import EdgeRef, Neighbourhood, NodeRef, Path, PathResult
from graph_credit.ownership import EffectiveOwnership, OwnershipTree


def _sub_node(n: NodeRef, level: int | None = None) -> SubNode:
    return SubNode(
        kind=n.kind,
        key=n.key,
        label=n.label(),
        status=n.status,
        subkind=n.subkind,
        id_masked=n.id_masked,
        level=level,
    )


def _sub_edge(e: EdgeRef) -> SubEdge:
    return SubEdge(
        kind=e.kind,
        src=node_id(e.src_kind, e.src),
        dst=node_id(e.dst_kind, e.dst),
        role=e.role,
        share=e.ratio,
        amount=e.amount,
        since=e.since,
        until=e.until,
        eid=e.eid,
    )


def from_nodes_and_edges(
    title: str,
    nodes: Iterable[NodeRef],
    edges: Iterable[EdgeRef],
    *,
    focus: Sequence[str] = (),
    as_of: dt.date | None = None,
) -> Subgraph:
    """Any set of investigator nodes and edges (a finding's evidence, say); `focus` holds keys."""
    sg = Subgraph(title=title, as_of=as_of)
    for n in nodes:
        sg.add_node(_sub_node(n))
    ids = {n.id for n in sg.nodes}
    for e in edges:
        se = _sub_edge(e)
        if se.src in ids and se.dst in ids:
            sg.add_edge(se)
    keys = set(focus)
    sg.focus = [n.id for n in sg.nodes if n.key in keys]
    for n in sg.nodes:
        if n.key in keys:
            n.flag("focus")
    return sg


def from_neighbourhood(nb: Neighbourhood) -> Subgraph:
    sg = Subgraph(
        title=f"{nb.subject.label()}: {nb.hops}-hop neighbourhood",
        as_of=nb.as_of,
        focus=[node_id(*nb.subject.id)],
    )
    for n in nb.nodes:
        sg.add_node(_sub_node(n, n.depth))
    for e in nb.edges:
        sg.add_edge(_sub_edge(e))
    sg.node(sg.focus[0]).flag("focus")
    for t in nb.truncated:
        n = sg.add_node(_sub_node(t.node))
        n.notes.append(t.message())
        n.flag("more")
    for u in nb.unexpanded:
        n = sg.add_node(_sub_node(u.node, u.depth))
        n.notes.append(u.message())
        n.flag("more")
    sg.notes = nb.summary()
    return sg


def from_paths(title: str, paths: Sequence[Path], *, as_of: dt.date | None = None) -> Subgraph:
    """Paths (a path search, a finding's evidence chain), drawn left to right, step by step; their
    ends are the focus."""
    sg = Subgraph(title=title, as_of=as_of, layout="path")
    for p in paths:
        for i, n in enumerate(p.nodes):
            sg.add_node(_sub_node(n, i))
        for e in [*p.edges, *p.parallel]:
            sg.add_edge(_sub_edge(e))
        if p.nodes:
            for end in (p.nodes[0], p.nodes[-1]):
                nid = node_id(*end.id)
                sg.node(nid).flag("focus")
                if nid not in sg.focus:
                    sg.focus.append(nid)
    return sg


def from_path_result(result: PathResult) -> Subgraph:
    a, b = result.source.label(), result.target.label()
    sg = from_paths(f"{a} ↔ {b}: {result.mode} paths", result.paths, as_of=result.as_of)
    for end in (result.source, result.target):
        sg.add_node(_sub_node(end)).flag("focus")
        if node_id(*end.id) not in sg.focus:
            sg.focus.append(node_id(*end.id))
    if not result.paths:
        sg.notes.append(f"no path within {result.max_hops} hops")
    sg.notes += result.notes
    sg.notes += [f"hub not expanded: {h.node.label()} ({h.degree:,} edges)" for h in result.hubs_not_expanded]
    return sg


def _tree_kind(party_kind: str, org_type: str | None) -> str:
    return "Person" if party_kind == "person" else "Enterprise"


def _tree_effective(tree: OwnershipTree) -> dict[str, float]:
    """Down a tree, the subject's share in each node: products of shares summed over paths,
    propagated in order of level (holdings back up a cycle are left out)."""
    level = {n.key: n.level for n in tree.nodes}
    eff = {tree.subject.key: 1.0}
    for e in sorted(tree.edges, key=lambda e: level.get(e.holder, 0)):
        if e.holder in eff and level.get(e.target, 0) > level.get(e.holder, 0):
            eff[e.target] = eff.get(e.target, 0.0) + eff[e.holder] * e.ratio
    eff.pop(tree.subject.key)
    return eff


def from_ownership_tree(tree: OwnershipTree, effective: EffectiveOwnership | None = None) -> Subgraph:
    """An ownership tree laid out top-down: holders above what they hold, so up-trees have the
    subject at the bottom and down-trees at the top. Edges carry the direct share and the
    effective one: of the holder in the subject (up, from `effective` when given) or of the
    subject in the target (down, products along the tree)."""
    sg = Subgraph(
        title=f"{tree.subject.name or tree.subject.key}: ownership {tree.direction}",
        layout="tree_up" if tree.direction == "up" else "tree_down",
        as_of=tree.as_of,
    )
    kinds: dict[str, str] = {}
    deepest = max((n.level for n in tree.nodes), default=0)
    for n in tree.nodes:
        kind = _tree_kind(n.kind, n.org_type)
        kinds[n.key] = kind
        sub = sg.add_node(
            SubNode(
                kind=kind,
                key=n.key,
                label=n.name or n.key,
                org_type=n.org_type,
                id_masked=n.id_masked,
                level=deepest - n.level if tree.direction == "up" else n.level,
            )
        )
        if not n.expanded and n.key != tree.subject.key:
            sub.notes.append("further holdings not fetched (depth or node limit)")
            sub.flag("more")
    sg.focus = [node_id(kinds[tree.subject.key], tree.subject.key)]
    sg.node(sg.focus[0]).flag("focus")
    if tree.direction == "up":
        shares = {o.party.key: o.share for o in effective.owners} if effective else {}
    else:
        shares = _tree_effective(tree)
    for key, share in shares.items():
        if key in kinds:
            sg.node(node_id(kinds[key], key)).effective_share = share
    for e in tree.edges:
        if e.holder not in kinds or e.target not in kinds:
            continue
        far = e.holder if tree.direction == "up" else e.target
        sg.add_edge(
            SubEdge(
                kind="HOLDS",
                src=node_id(kinds[e.holder], e.holder),
                dst=node_id(kinds[e.target], e.target),
                share=e.ratio,
                effective_share=shares.get(far),
                since=e.since,
                until=e.until,
                eid=f"{e.holder}>{e.target}:{e.since}",
            )
        )
    sg.notes = [i.message for i in tree.issues]
    if tree.truncated:
        sg.notes.append("the node cap cut the tree: some holdings are not shown")
    return sg
