"""The visual explorer: any query's answer as a `Subgraph`, drawn with pyvis as a vis-network page.

Every query result (a neighbourhood, an ownership tree, a path search, a finding's evidence
paths) converts to one small `Subgraph`; `mark()` adds what the picture must show about credit
(subjects with adverse records in force, restricted persons, red-list subjects); `vis_data()`
turns it into vis-network nodes, edges and options through pyvis, masked for the viewer's role;
`render_page()` writes the HTML page, with its scripts inlined (a standalone file that works
offline) or served by the product itself. No asset ever comes from a CDN: pyvis's own template
loads bootstrap and tom-select from one, so the page uses a template of its own.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from pyvis.network import Network

from graph_credit import explore_style as style
from graph_credit import investigate as inv
from graph_credit import ownership as own
from graph_credit.errors import EngineError, InvalidInput, NotFound
from graph_credit.identifiers import mask_name
from graph_credit.investigate import EdgeRef, Neighbourhood, NodeRef, Path, PathResult
from graph_credit.ownership import EffectiveOwnership, OwnershipTree
from graph_credit.store.base import GraphStore

ViewerRole = Literal["public", "screening", "investigator", "operator"]
VIEWER_ROLES: tuple[str, ...] = ("public", "screening", "investigator", "operator")
Layout = Literal["physics", "tree_up", "tree_down", "path"]
Flag = Literal["focus", "sanctioned", "restricted", "record", "red_list", "more"]

# Serious lists: joint punishment applies to the subject and reaches its responsible persons
# (004 §8, §16; 000 §17).
SERIOUS_KINDS = frozenset({"blacklist", "judgment_debtor", "procurement_bad_conduct"})
ADVERSE_KINDS = frozenset({"admin_penalty", "abnormal_operation"})
_FULL_VIEW = frozenset({"investigator", "operator"})


# ---------------------------------------------------------------------------------------------
# The input model
# ---------------------------------------------------------------------------------------------


class RecordMark(BaseModel):
    """A credit record in force behind a node's mark."""

    record_id: str
    kind: str | None
    level: str | None = None
    relation: Literal["subject", "responsible", "punishment"]
    note: str | None = None


class SubNode(BaseModel):
    kind: str = Field(description="Enterprise, Person, Project or CreditRecord")
    key: str
    label: str
    status: str | None = None
    subkind: str | None = Field(None, description="project kind or credit-record kind")
    org_type: str | None = None
    id_masked: str | None = None
    level: int | None = Field(None, description="hops from the focus (the layer in a tree)")
    effective_share: float | None = Field(None, description="integrated share in (or of) the tree's subject")
    flags: list[str] = Field(default_factory=list)
    marks: list[RecordMark] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="what was left out around this node")

    @property
    def id(self) -> str:
        return node_id(self.kind, self.key)

    def flag(self, f: str) -> None:
        if f not in self.flags:
            self.flags.append(f)


class SubEdge(BaseModel):
    kind: str
    src: str = Field(description="node id (kind:key) of the edge's source")
    dst: str
    role: str | None = None
    share: float | None = None
    effective_share: float | None = None
    amount: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    eid: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.src}>{self.dst}:{self.eid or self.role or ''}"


class Subgraph(BaseModel):
    title: str
    layout: Layout = "physics"
    focus: list[str] = Field(default_factory=list, description="ids of the nodes the picture is about")
    as_of: dt.date | None = None
    nodes: list[SubNode] = Field(default_factory=list)
    edges: list[SubEdge] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def node(self, nid: str) -> SubNode:
        for n in self.nodes:
            if n.id == nid:
                return n
        raise KeyError(nid)

    def add_node(self, n: SubNode) -> SubNode:
        """Add a node, or merge it into the one with the same id (flags, marks and notes join)."""
        for old in self.nodes:
            if old.id == n.id:
                for f in n.flags:
                    old.flag(f)
                old.marks += [m for m in n.marks if m not in old.marks]
                old.notes += [x for x in n.notes if x not in old.notes]
                if old.level is None:
                    old.level = n.level
                return old
        self.nodes.append(n)
        return n

    def add_edge(self, e: SubEdge) -> None:
        if all(old.id != e.id for old in self.edges):
            self.edges.append(e)

    def merge(self, other: Subgraph) -> Subgraph:
        out = self.model_copy(deep=True)
        for n in other.nodes:
            out.add_node(n.model_copy(deep=True))
        for e in other.edges:
            out.add_edge(e)
        out.notes += [x for x in other.notes if x not in out.notes]
        return out


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    kind, sep, key = nid.partition(":")
    if not sep or not key:
        raise InvalidInput(f"node id {nid!r} is not KIND:KEY")
    return kind, key


# ---------------------------------------------------------------------------------------------
# Converters: every query answer to a Subgraph
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Marks: adverse records in force, restricted persons, red lists
# ---------------------------------------------------------------------------------------------


def in_force(status: str | None, decision: dt.date | None, valid_until: dt.date | None, on: dt.date) -> bool:
    """A record counts on `on` when it was decided by then and had not run out; of the lifecycle
    states, only active and expired records can have been in force (an expired one until its
    end date), never corrected, revoked or repaired ones, nor one under objection."""
    if status not in ("active", "expired"):
        return False
    if decision is not None and decision > on:
        return False
    if valid_until is not None and valid_until < on:
        return False
    return not (status == "expired" and valid_until is None)


def _flag_for(kind: str | None, level: str | None) -> str | None:
    if kind in SERIOUS_KINDS:
        return "sanctioned"
    if kind in ADVERSE_KINDS or (kind == "tax_credit" and level == "D"):
        return "record"
    if kind == "red_list":
        return "red_list"
    return None


@cache
def _punishment() -> Any:
    """The joint-punishment module when it is installed, for restricted persons with provenance."""
    try:
        return importlib.import_module("graph_credit.punishment")
    except ImportError:
        return None


def _mark_from_punishment(store: GraphStore, n: SubNode, on: dt.date) -> bool:
    """Restrictions the joint-punishment module derived for a person (`restrictions(store, key,
    as_of)`, items with record, measure and state): those in force mark the person restricted.
    False when the module cannot answer on this database (one loaded before its tables existed)."""
    mod = _punishment()
    fn = getattr(mod, "restrictions", None) if mod is not None else None
    if fn is None:
        return False
    kwargs = {"related": False} if "related" in inspect.signature(fn).parameters else {}
    try:
        res = fn(store, n.key, on, **kwargs)
    except NotFound:
        return True
    except EngineError:
        return False
    active = [i for i in getattr(res, "items", []) if getattr(i, "state", "active") == "active"]
    seen = {m.record_id for m in n.marks}
    for item in active:
        rid = str(getattr(item, "record_id", "?"))
        if rid in seen:  # a record already marked (the person is responsible for it) is marked once
            continue
        seen.add(rid)
        n.marks.append(
            RecordMark(
                record_id=rid,
                kind=getattr(item, "record_kind", None),
                relation="punishment",
                note=getattr(item, "measure_name", None),
            )
        )
    if active:
        n.flag("restricted")
    return True


def mark(store: GraphStore, sg: Subgraph, as_of: dt.date | None = None, *, max_nodes: int = 2000) -> Subgraph:
    """Mark the subgraph's enterprises and persons with the credit records in force on `as_of`
    (default: today): subjects of serious lists (sanctioned), of other adverse records, of red
    lists; persons responsible for a serious record are restricted (joint punishment reaches
    them, 004 §16), and so is anyone the joint-punishment module restricts. Record nodes in the
    picture are marked by their own kind. One indexed query per subject (a batched one plans as
    a scan of the edge table on LadybugDB)."""
    on = as_of or sg.as_of or dt.date.today()
    punishment = True
    subjects = [n for n in sg.nodes if n.kind in ("Enterprise", "Person")]
    if len(subjects) > max_nodes:
        sg.notes.append(f"credit marks checked for the first {max_nodes:,} of {len(subjects):,} subjects")
        subjects = subjects[:max_nodes]
    for n in subjects:
        queries = (
            ["explore/records_of_enterprise"]
            if n.kind == "Enterprise"
            else ["explore/records_of_person", "explore/records_person_responsible_for"]
        )
        for q in queries:
            for r in store.read(q, key=n.key):
                if not in_force(r["status"], r["decision_date"], r["valid_until"], on):
                    continue
                flag = _flag_for(r["kind"], r["level"])
                if flag is None:
                    continue
                if r["relation"] == "responsible":
                    if flag != "sanctioned":
                        continue
                    flag = "restricted"
                n.flag(flag)
                n.marks.append(
                    RecordMark(
                        record_id=r["record_id"], kind=r["kind"], level=r["level"], relation=r["relation"]
                    )
                )
        if n.kind == "Person" and punishment and not _mark_from_punishment(store, n, on):
            punishment = False
            sg.notes.append("restrictions derived by joint punishment are not available on this database")
    for n in sg.nodes:
        if n.kind == "CreditRecord" and n.status in ("active", "expired"):
            flag = _flag_for(n.subkind, None)
            if flag is not None and n.status == "active":
                n.flag(flag)
    return sg


# ---------------------------------------------------------------------------------------------
# Drawing: vis-network data through pyvis, masked for the viewer
# ---------------------------------------------------------------------------------------------


def check_role(role: str) -> ViewerRole:
    if role not in VIEWER_ROLES:
        raise InvalidInput(f"unknown viewer role {role!r}; one of {', '.join(VIEWER_ROLES)}")
    return role  # type: ignore[return-value]


def _pct(x: float | None) -> str:
    return "?" if x is None else f"{x:.1%}".replace(".0%", "%")


def _display_name(n: SubNode, role: ViewerRole) -> str:
    if n.kind == "Person" and role == "public":
        return mask_name(n.label) or "?"
    return n.label


def _node_title(n: SubNode, role: ViewerRole) -> str:
    """Hover text (plain text: vis-network shows a string title as text, never as HTML)."""
    kind_text = style.NODE_STYLE[_style_kind(n)][3]
    lines = [_display_name(n, role), kind_text]
    if n.kind == "Enterprise":
        lines.append(f"USCC {n.key}")
        if n.status:
            lines.append(f"status {n.status}")
    elif n.kind == "Person":
        if role in _FULL_VIEW:
            lines.append(f"ID {n.id_masked or '—'}")
            lines.append(f"key {n.key}")
    else:
        if n.kind == "CreditRecord":
            lines[0] = f"{style.RECORD_NAME.get(n.subkind or '', n.subkind or '')} {n.key}".strip()
        else:
            lines.append(f"{n.subkind or ''} {n.key}".strip())
        if n.status:
            lines.append(f"status {n.status}")
    if n.effective_share is not None:
        lines.append(f"effective share {_pct(n.effective_share)}")
    for m in n.marks:
        what = style.RECORD_NAME.get(m.kind or "", m.kind or "record")
        how = {"subject": "subject", "responsible": "responsible person", "punishment": "joint punishment"}
        lines.append(f"{what} {m.record_id} ({how[m.relation]}{': ' + m.note if m.note else ''})")
    lines += n.notes
    return "\n".join(lines)


def _style_kind(n: SubNode) -> str:
    if n.kind == "Enterprise" and n.org_type == "government":
        return "State"
    return n.kind if n.kind in style.NODE_STYLE else "CreditRecord"


def _node_options(n: SubNode, role: ViewerRole) -> dict[str, Any]:
    shape, fill, border, _ = style.NODE_STYLE[_style_kind(n)]
    width, prefix = 1, ""
    for f in style.FLAG_ORDER:
        if f in n.flags:
            border, width, prefix, _ = style.FLAG_STYLE[f]
            break
    label = _display_name(n, role)
    if n.kind == "CreditRecord":
        label = style.RECORD_NAME.get(n.subkind or "", n.subkind or "record")  # the id is in the hover text
    if n.effective_share is not None and "focus" not in n.flags:
        label += f"\n{_pct(n.effective_share)}"
    opts: dict[str, Any] = {
        # a no-break space, so that vis-network never wraps the mark away from the name
        "label": prefix.replace(" ", "\u00a0") + label,
        "title": _node_title(n, role),
        "shape": shape,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": "#fde68a", "border": border},
            "hover": {"background": fill, "border": border},
        },
        "borderWidth": width,
        "borderWidthSelected": width + 2,
        "kind": n.kind,
        "key": n.key,
        "flags": list(n.flags),
    }
    if "focus" in n.flags:
        opts["font"] = {"size": 18, "color": "#111827"}
        opts["borderWidth"] = max(width, 3)
        opts["shapeProperties"] = {"borderDashes": False}
    if "more" in n.flags:
        opts["shapeProperties"] = {"borderDashes": [6, 4]}
    if n.kind == "CreditRecord":
        opts["size"] = 14
    if n.level is not None:
        opts["level"] = n.level
    return opts


def _edge_label(e: SubEdge) -> str:
    if e.kind == "HOLDS":
        text = _pct(e.share) if e.share is not None else "持股"
        if e.effective_share is not None and e.share is not None and abs(e.effective_share - e.share) > 5e-4:
            text += f" (穿透 {_pct(e.effective_share)})"
        return text
    if e.kind in ("SERVES_AS", "LEGAL_REP_OF"):
        return style.ROLE_NAME.get(e.role or "", e.role or "") or style.EDGE_NAME[e.kind].split()[0]
    if e.kind == "GUARANTEES":
        return f"担保 {e.amount:,.0f}万" if e.amount is not None else "担保"
    if e.kind == "PARTICIPATES_IN":
        return e.role or "参与"
    return style.EDGE_NAME.get(e.kind, e.kind).split()[0]


def _edge_title(e: SubEdge) -> str:
    lines = [style.EDGE_NAME.get(e.kind, e.kind)]
    if e.share is not None:
        lines.append(f"share {_pct(e.share)}")
    if e.effective_share is not None:
        lines.append(f"effective share {_pct(e.effective_share)}")
    if e.role:
        lines.append(f"role {e.role}")
    if e.amount is not None:
        lines.append(f"amount {e.amount:,.2f} 万元")
    if e.since or e.until:
        lines.append(f"{e.since or '…'} – {e.until or '…'}")
    return "\n".join(lines)


RING = 230.0  # distance between the rings of the radial start layout


def radial_layout(sg: Subgraph) -> dict[str, tuple[float, float]]:
    """Start positions for the physics: the focus in the middle, each hop on a ring further out,
    every subtree of the breadth-first tree in its own sector (as wide as its leaves need).
    Physics then only refines a picture that already reads, so it settles in a fraction of
    the iterations a random start needs, and nothing flies apart."""
    ids = [n.id for n in sg.nodes]
    if not ids:
        return {}
    near: dict[str, list[str]] = {i: [] for i in ids}
    for e in sg.edges:
        if e.src in near and e.dst in near and e.src != e.dst:
            near[e.src].append(e.dst)
            near[e.dst].append(e.src)
    roots = [f for f in sg.focus if f in near] or [ids[0]]
    children: dict[str, list[str]] = {i: [] for i in ids}
    depth = {r: 0 for r in roots}
    queue = list(roots)
    for node in queue:  # breadth first; the queue grows as it goes
        for other in near[node]:
            if other not in depth:
                depth[other] = depth[node] + 1
                children[node].append(other)
                queue.append(other)
    top = roots + [i for i in ids if i not in depth]  # nodes no edge reaches sit on the first ring
    for i in top[len(roots) :]:
        depth[i] = 1
    leaves: dict[str, int] = {}
    for node in reversed(queue + top[len(roots) :]):
        leaves[node] = max(1, sum(leaves[c] for c in children[node]))
    pos: dict[str, tuple[float, float]] = {}
    total = sum(leaves[t] for t in top)
    stack = []
    start = 0.0
    for t in top:
        width = 2 * math.pi * leaves[t] / total
        stack.append((t, start, width))
        start += width
    while stack:
        node, a0, width = stack.pop()
        r = RING * depth[node]
        mid = a0 + width / 2
        pos[node] = (0.0, 0.0) if r == 0 and len(roots) == 1 else (r * math.cos(mid), r * math.sin(mid))
        if r == 0 and len(roots) > 1:
            pos[node] = (RING / 2 * math.cos(mid), RING / 2 * math.sin(mid))
        a = a0
        for c in children[node]:
            w = width * leaves[c] / leaves[node]
            stack.append((c, a, w))
            a += w
    return pos


def vis_data(sg: Subgraph, role: str = "investigator") -> dict[str, Any]:
    """The subgraph as vis-network nodes, edges and options (built with pyvis), persons masked as
    `role` may see them: the public sees a family name only, the screening role names without
    ID numbers, investigators and operators the masked ID too (the raw number is never stored)."""
    viewer = check_role(role)
    net = Network(directed=True, cdn_resources="local")
    start = radial_layout(sg) if sg.layout == "physics" else {}
    for n in sg.nodes:
        opts = _node_options(n, viewer)
        if n.id in start:
            opts["x"], opts["y"] = (round(v, 1) for v in start[n.id])
        net.add_node(n.id, **opts)
    ids = set(net.get_nodes())
    for e in sg.edges:
        if e.src in ids and e.dst in ids:
            net.add_edge(
                e.src,
                e.dst,
                id=e.id,
                label=_edge_label(e),
                title=_edge_title(e),
                color={"color": style.EDGE_COLOUR.get(e.kind, "#6b7280")},
                dashes=e.kind in ("SUBJECT_OF", "RESPONSIBLE_FOR", "BRANCH_OF"),
                kind=e.kind,
            )
    net.options = style.options(sg.layout, len(sg.nodes))
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    return {
        "title": sg.title,
        "layout": sg.layout,
        "as_of": sg.as_of.isoformat() if sg.as_of else None,
        "focus": sg.focus,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "notes": _short(sg.notes),
        "role": viewer,
    }


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

VIS_VERSION = "9.1.2"
ASSETS: dict[str, tuple[str, str, str]] = {  # served name -> (package, resource path, media type)
    "vis-network.min.js": ("pyvis", f"lib/vis-{VIS_VERSION}/vis-network.min.js", "text/javascript"),
    "vis-network.css": ("pyvis", f"lib/vis-{VIS_VERSION}/vis-network.css", "text/css"),
    "explorer.js": ("graph_credit", "static/explorer.js", "text/javascript"),
    "explorer.css": ("graph_credit", "static/explorer.css", "text/css"),
}


@cache
def asset(name: str) -> tuple[bytes, str]:
    """An asset's bytes and media type: vis-network from the installed pyvis, the rest ours."""
    try:
        package, path, media = ASSETS[name]
    except KeyError:
        raise InvalidInput(f"no explorer asset {name!r}") from None
    return resources.files(package).joinpath(path).read_bytes(), media


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("graph_credit", "templates"), autoescape=select_autoescape())


def _script_json(data: Any) -> str:
    # Inside <script type="application/json">, "<" must not open a tag ("</script>" in a name).
    return json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c")


def _inline(name: str) -> str:
    text = asset(name)[0].decode("utf-8")
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


NOTES_SHOWN = 8


def _short(notes: list[str]) -> list[str]:
    """The first notes and a count of the rest: a hub can leave out hundreds of things."""
    if len(notes) <= NOTES_SHOWN:
        return notes
    return [*notes[:NOTES_SHOWN], f"… {len(notes) - NOTES_SHOWN} more"]


def render_page(
    sg: Subgraph | None,
    *,
    role: str = "investigator",
    inline_assets: bool = True,
    static_url: str = "/explorer/static",
    api_url: str | None = None,
) -> str:
    """The explorer page. `inline_assets` puts every script and style in the file (a standalone
    page that works offline); otherwise they load from `static_url`, on the product's own address.
    `api_url` turns on the interactive controls (search, expand, paths), which call that API."""
    data = vis_data(sg, role) if sg is not None else None
    config = {"graph": data, "api": api_url, "role": check_role(role)}
    return (
        _env()
        .get_template("explorer.html")
        .render(
            title=sg.title if sg is not None else "关系图谱 explorer",
            inline=inline_assets,
            assets={n: _inline(n) for n in ASSETS} if inline_assets else {},
            static_url=static_url.rstrip("/"),
            config=_script_json(config),
            legend=style.legend(),
            notes=sg.notes if sg is not None else [],
            interactive=api_url is not None,
        )
    )


# ---------------------------------------------------------------------------------------------
# Views: the queries the explorer asks, answered as marked subgraphs
# ---------------------------------------------------------------------------------------------

View = Literal["neighbourhood", "up", "down"]
VIEWS: tuple[str, ...] = ("neighbourhood", "up", "down")
# An expansion on click is one hop, bounded like any neighbourhood: hubs are counted, not drawn.
EXPAND_MAX_NEIGHBOURS = 25
EXPAND_MAX_NODES = 80


def neighbourhood_view(
    store: GraphStore,
    subject: str,
    *,
    hops: int = 2,
    as_of: dt.date | None = None,
    max_nodes: int = 300,
    max_neighbours: int = 25,
) -> Subgraph:
    nb = inv.neighbourhood(
        store, subject, hops=hops, as_of=as_of, max_nodes=max_nodes, max_neighbours=max_neighbours
    )
    return mark(store, from_neighbourhood(nb), as_of)


def ownership_view(
    store: GraphStore,
    subject: str,
    direction: Literal["up", "down"],
    *,
    as_of: dt.date | None = None,
    depth: int = 4,
    max_nodes: int = 300,
) -> Subgraph:
    if direction == "up":
        tree = own.ownership_up(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes)
        effective = None
        if tree.subject.kind == "enterprise":
            effective = own.effective_owners(
                store, tree.subject.key, as_of=as_of, depth=depth, max_nodes=max_nodes
            )
    elif direction == "down":
        tree = own.ownership_down(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes)
        effective = None
    else:
        raise InvalidInput(f"tree direction must be up or down, not {direction!r}")
    return mark(store, from_ownership_tree(tree, effective), as_of)


def path_view(
    store: GraphStore, source: str, target: str, *, as_of: dt.date | None = None, max_paths: int = 5
) -> Subgraph:
    """The shortest paths between two subjects (up to `max_paths` of equal length)."""
    result = inv.shortest_path(store, source, target, as_of=as_of, max_paths=max_paths)
    return mark(store, from_path_result(result), as_of)


def subject_view(
    store: GraphStore,
    subject: str,
    view: str = "neighbourhood",
    *,
    hops: int = 2,
    as_of: dt.date | None = None,
) -> Subgraph:
    if view == "neighbourhood":
        return neighbourhood_view(store, subject, hops=hops, as_of=as_of)
    if view in ("up", "down"):
        return ownership_view(store, subject, view, as_of=as_of)  # type: ignore[arg-type]
    raise InvalidInput(f"unknown view {view!r}; one of {', '.join(VIEWS)}")


def expand_view(
    store: GraphStore, nid: str, view: str = "neighbourhood", *, as_of: dt.date | None = None
) -> Subgraph:
    """One step out from a node the viewer clicked: its neighbours (capped on hubs), or in a tree
    view one more level of holders (up) or holdings (down)."""
    kind, key = split_node_id(nid)
    if view in ("up", "down"):
        if kind not in ("Enterprise", "Person"):
            return Subgraph(title=key, layout="tree_up" if view == "up" else "tree_down")
        return ownership_view(store, key, view, as_of=as_of, depth=1, max_nodes=EXPAND_MAX_NODES)  # type: ignore[arg-type]
    if view != "neighbourhood":
        raise InvalidInput(f"unknown view {view!r}; one of {', '.join(VIEWS)}")
    nb = inv.neighbourhood(
        store,
        key,
        kind=kind,
        hops=1,
        as_of=as_of,
        max_nodes=EXPAND_MAX_NODES,
        max_neighbours=EXPAND_MAX_NEIGHBOURS,
    )
    sg = mark(store, from_neighbourhood(nb), as_of)
    sg.node(sg.focus[0]).flags.remove("focus")
    return sg


def search_hits(store: GraphStore, q: str, role: str = "public", *, limit: int = 20) -> dict[str, Any]:
    """Search results as the viewer may see them (persons masked as in `vis_data`)."""
    viewer = check_role(role)
    res = inv.search(store, q, limit=limit)
    hits = []
    for h in res.hits:
        d = h.model_dump(mode="json")
        if h.kind == "Person":
            if viewer == "public":
                d["name"] = mask_name(h.name)
            if viewer not in _FULL_VIEW:
                d["id_masked"] = None
        hits.append(d)
    return {"query": res.query, "hits": hits, "has_more": res.has_more}
