"""A small relationship picture for the report, drawn as inline SVG (no script, no network).

The candidate sits in the middle; shareholders above (the controller marked), the legal
representative and officers on the left, the other enterprises of those persons on the right,
outbound stakes and guarantee partners below. Nodes a finding points at are drawn in red.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from graph_credit.screening import wording as w
from graph_credit.screening.models import ScreeningResult

W, H = 960, 600
BOX_W, BOX_H = 150, 40
PER_SIDE = 5


@dataclass
class _Box:
    key: str
    label: str
    sub: str
    x: float
    y: float
    kind: str
    flagged: bool


def _short(text: str | None, n: int = 11) -> str:
    t = text or "?"
    return t if len(t) <= n else t[: n - 1] + "…"


def _row(items: list[tuple[str, str, str, str]], y: float, flagged: set[str]) -> list[_Box]:
    n = len(items)
    out = []
    for i, (key, label, sub, kind) in enumerate(items):
        x = W * (i + 1) / (n + 1)
        out.append(_Box(key, label, sub, x, y, kind, key in flagged))
    return out


def _col(items: list[tuple[str, str, str, str]], x: float, flagged: set[str]) -> list[_Box]:
    n = len(items)
    out = []
    for i, (key, label, sub, kind) in enumerate(items):
        y = 230 + (H - 380) * (i + 0.5) / max(n, 1)
        out.append(_Box(key, label, sub, x, y, kind, key in flagged))
    return out


def _box(b: _Box, centre: bool = False) -> str:
    fill = "#fde2e1" if b.flagged else ("#e6effa" if b.kind == "Enterprise" else "#eef7ea")
    stroke = "#c0392b" if b.flagged else ("#1f4e79" if centre else "#7a8b99")
    shape_r = 4 if b.kind == "Enterprise" else 18
    width = 3 if centre or b.flagged else 1.2
    return (
        f'<g class="node{" flagged" if b.flagged else ""}"><rect x="{b.x - BOX_W / 2:.1f}" y="{b.y - BOX_H / 2:.1f}" '
        f'width="{BOX_W}" height="{BOX_H}" rx="{shape_r}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        f'<text x="{b.x:.1f}" y="{b.y - 3:.1f}" text-anchor="middle" font-size="12">{escape(b.label)}</text>'
        f'<text x="{b.x:.1f}" y="{b.y + 12:.1f}" text-anchor="middle" font-size="10" fill="#555">{escape(b.sub)}</text></g>'
    )


def _line(a: _Box, b: _Box, label: str, flagged: bool) -> str:
    colour = "#c0392b" if flagged else "#98a6b3"
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    return (
        f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" stroke="{colour}" '
        f'stroke-width="{2 if flagged else 1.2}" marker-end="url(#arrow)"/>'
        f'<text x="{mx:.1f}" y="{my - 4:.1f}" text-anchor="middle" font-size="10" fill="#333" '
        f'class="edge-label">{escape(label)}</text>'
    )


def relationship_svg(result: ScreeningResult) -> Markup:
    flagged = {f.subject.key for f in result.findings if f.weight > 0 or f.suspended}
    flagged |= {n.key for f in result.findings for n in f.path.nodes if f.weight > 0}
    cand = _Box(
        result.candidate.uscc,
        _short(result.candidate.name, 12),
        "候选企业",
        W / 2,
        310,
        "Enterprise",
        result.candidate.uscc in flagged,
    )
    own = result.ownership
    ctl = own.controller.key if own.controller else None
    direct = [h for h in own.holders if h.path is not None and len(h.path.nodes) == 2][:PER_SIDE]
    # controllers and beneficial owners further up, linked to the direct holder they hold through
    above = [
        h
        for h in own.holders
        if (h.controller or h.beneficial) and h.path is not None and len(h.path.nodes) > 2
    ][:4]
    top = _row(
        [
            (
                h.party.key,
                _short(h.party.name),
                ("实际控制人 " if h.party.key == ctl else f"{w.SHAREHOLDER} ") + f"{h.direct:.0%}",
                h.party.kind,
            )
            for h in direct
        ],
        160,
        flagged,
    )
    ultimate = _row(
        [
            (
                h.party.key,
                _short(h.party.name),
                ("实际控制人 " if h.party.key == ctl else "受益所有人 ") + f"{h.share or 0:.0%}",
                h.party.kind,
            )
            for h in above
        ],
        50,
        flagged,
    )
    left = _col(
        [(o.person.key, _short(o.person.name), w.role(o.role), "Person") for o in result.officers[:PER_SIDE]],
        110,
        flagged,
    )
    ties = sorted(result.ties, key=lambda t: (t.enterprise.key not in flagged, t.enterprise.name or ""))
    seen: set[str] = {result.candidate.uscc} | {h.party.key for h in own.holders}
    tie_items = []
    for t in ties:
        if t.enterprise.key in seen or len(tie_items) >= PER_SIDE:
            continue
        seen.add(t.enterprise.key)
        tie_items.append(
            (t.enterprise.key, _short(t.enterprise.name), f"经 {_short(t.person.name, 6)}", "Enterprise")
        )
    right = _col(tie_items, W - 110, flagged)
    below = [
        (o.enterprise.key, _short(o.enterprise.name), f"投资 {o.ratio:.0%}", "Enterprise")
        for o in result.outbound
    ]
    below += [
        (n.key, _short(n.name), "担保关联", n.kind)
        for n in result.guarantees.chain_nodes
        if n.key not in seen
    ]
    bottom = _row(below[:PER_SIDE], H - 50, flagged)
    by_key = {b.key: b for b in top}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" '
        f'aria-label="关系图" font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#98a6b3"/></marker></defs>',
    ]
    for b, h in zip(top, direct, strict=True):
        parts.append(_line(b, cand, f"{h.direct:.1%}", b.flagged))
    for b, h in zip(ultimate, above, strict=True):
        assert h.path is not None
        via = by_key.get(h.path.nodes[1].key, cand)
        parts.append(_line(b, via, f"综合 {h.share or 0:.1%}", b.flagged))
    for b, o in zip(left, result.officers, strict=False):
        parts.append(_line(b, cand, w.role(o.role), b.flagged))
    for b in right:
        parts.append(_line(cand, b, "关联", b.flagged))
    for b in bottom:
        parts.append(_line(cand, b, b.sub, b.flagged))
    for b in [*ultimate, *top, *left, *right, *bottom]:
        parts.append(_box(b))
    parts.append(_box(cand, centre=True))
    parts.append("</svg>")
    return Markup("".join(parts))
