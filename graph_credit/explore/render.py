"""Drawing: a `Subgraph` as vis-network data through pyvis, masked for the viewer's role, and the
HTML page around it, with its own template and scripts (never from a CDN)."""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape
from pyvis.network import Network

from graph_credit.errors import InvalidInput
from graph_credit.explore import style
from graph_credit.explore.subgraph import SubEdge, Subgraph, SubNode
from graph_credit.identifiers import mask_name
from graph_credit.model import EDGE_KINDS

ViewerRole = Literal["public", "screening", "investigator", "operator"]
VIEWER_ROLES: tuple[str, ...] = ("public", "screening", "investigator", "operator")
FULL_VIEW = frozenset({"investigator", "operator"})  # the roles shown masked ID numbers and keys


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
        if role in FULL_VIEW:
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
        how = {
            "subject": "subject",
            "responsible": "responsible person",
            "punishment": "joint punishment",
            "monitoring": "key monitoring after exit",
        }
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
    """The text on a drawn edge: its figure or role when it has one, else the edge kind's short
    name (a project participation without a role: the verb, 参与)."""
    kind = EDGE_KINDS.get(e.kind)
    if kind is None:
        return e.kind
    if e.kind == "HOLDS":
        text = _pct(e.share) if e.share is not None else kind.label_zh
        if e.effective_share is not None and e.share is not None and abs(e.effective_share - e.share) > 5e-4:
            text += f" (穿透 {_pct(e.effective_share)})"
        return text
    if e.kind in ("SERVES_AS", "LEGAL_REP_OF"):
        return style.ROLE_NAME.get(e.role or "", e.role or "") or kind.label_zh
    if e.kind == "GUARANTEES":
        return f"{kind.label_zh} {e.amount:,.0f}万" if e.amount is not None else kind.label_zh
    if e.kind == "PARTICIPATES_IN":
        return e.role or kind.verb_zh
    return kind.label_zh


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

# The page: our own template, vis-network from the installed pyvis, our script and style

VIS_VERSION = "9.1.2"
ASSETS: dict[str, tuple[str, str, str]] = {  # served name -> (package, resource path, media type)
    "vis-network.min.js": ("pyvis", f"lib/vis-{VIS_VERSION}/vis-network.min.js", "text/javascript"),
    "vis-network.css": ("pyvis", f"lib/vis-{VIS_VERSION}/vis-network.css", "text/css"),
    "explorer.js": ("graph_credit.explore", "static/explorer.js", "text/javascript"),
    "explorer.css": ("graph_credit.explore", "static/explorer.css", "text/css"),
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
    return Environment(
        loader=PackageLoader("graph_credit.explore", "templates"), autoescape=select_autoescape()
    )


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
