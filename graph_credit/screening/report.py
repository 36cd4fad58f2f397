"""The public credit report (公共信用报告, 000 §11) of one check, as a printable HTML page.

The page is self-contained (inline CSS and SVG, no script, no network) so it prints and archives
as it is. `render_report(result)` returns the HTML text; `write_report` writes it to a file.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from graph_credit.screening import wording as w
from graph_credit.screening.models import ScreeningResult
from graph_credit.screening.picture import relationship_svg
from graph_credit.store.base import GraphStore


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("graph_credit.screening", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: "—" if v is None else f"{v:.1%}"
    env.filters["d"] = lambda v: "—" if v is None else v.isoformat()
    env.filters["role"] = w.role
    env.filters["kind"] = lambda k: w.KIND.get(k or "", k or "")
    env.filters["state"] = lambda s: w.STATE.get(s or "", s or "")
    env.filters["verdict"] = lambda v: w.VERDICT.get(v, v)
    env.filters["org_type"] = lambda v: w.ORG_TYPE.get(v or "", v or "—")
    env.filters["ent_status"] = lambda v: w.ENT_STATUS.get(v or "", v or "—")
    env.filters["basename"] = lambda v: (
        Path(str(v).split(" (")[0]).name + (" (" + str(v).split(" (", 1)[1] if " (" in str(v) else "")
    )
    return env


def explorer_links(result: ScreeningResult, base: str = "/explorer/evidence") -> list[str]:
    """Per finding, the explorer's URL for its evidence (the paths from the candidate to the
    subject the finding is about), for a report served by the API."""
    out = []
    for f in result.findings:
        q = {"path": f"{result.candidate.uscc},{f.subject.key}", "focus": f.subject.key}
        q["as_of"] = result.as_of.isoformat()
        out.append(f"{base}?{urlencode(q)}")
    return out


def evidence_page(
    result: ScreeningResult, index: int, *, role: str = "investigator", store: GraphStore | None = None
) -> str:
    """A standalone explorer page (scripts inlined, opens offline) of one finding's evidence path;
    with a store, its nodes carry the explorer's credit marks on the check date."""
    from graph_credit import explore

    f = result.findings[index]
    title = f"{f.rule}: {result.candidate.name or result.candidate.uscc} → {f.subject.name or f.subject.key}"
    sg = explore.from_paths(title, [f.path], as_of=result.as_of)
    if store is not None:
        sg = explore.mark(store, sg, result.as_of)
    sg.notes = [f.text]
    return explore.render_page(sg, role=role, inline_assets=True)


def render_report(
    result: ScreeningResult,
    *,
    generated: dt.datetime | None = None,
    evidence_links: list[str] | None = None,
) -> str:
    """The report as HTML; `evidence_links`, one per finding, link each to a picture of its
    evidence (`explorer_links` for the API's explorer, or the pages `write_report` writes)."""
    when = generated or dt.datetime.now().replace(microsecond=0)
    if evidence_links is not None and len(evidence_links) != len(result.findings):
        raise ValueError("evidence_links needs one link per finding")
    template = _env().get_template("report.html.j2")
    return template.render(
        r=result, svg=relationship_svg(result), generated=when.isoformat(sep=" "), links=evidence_links
    )


def write_report(
    result: ScreeningResult,
    path: Path | str,
    *,
    evidence: bool = False,
    role: str = "investigator",
    store: GraphStore | None = None,
    generated: dt.datetime | None = None,
) -> Path:
    """Write the report; with `evidence`, also one explorer page per finding in `<name>-evidence/`
    beside it, linked from the finding (everything offline)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    links = None
    if evidence and result.findings:
        folder = p.with_name(f"{p.stem}-evidence")
        folder.mkdir(exist_ok=True)
        links = []
        for i, f in enumerate(result.findings):
            page = folder / f"{i + 1:02d}-{f.rule}.html"
            page.write_text(evidence_page(result, i, role=role, store=store), encoding="utf-8")
            links.append(f"{folder.name}/{page.name}")
    p.write_text(render_report(result, generated=generated, evidence_links=links), encoding="utf-8")
    return p
