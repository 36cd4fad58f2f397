"""The public credit report (公共信用报告, 000 §11) of one check, as a printable HTML page.

The page is self-contained (inline CSS and SVG, no script, no network) so it prints and archives
as it is. `render_report(result)` returns the HTML text; `write_report` writes it to a file.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from graph_credit.screening import wording as w
from graph_credit.screening.models import ScreeningResult
from graph_credit.screening.picture import relationship_svg


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


def render_report(
    result: ScreeningResult, *, generated: dt.datetime | None = None, evidence_url: str | None = None
) -> str:
    """The report as HTML. `evidence_url`, if given, is a format string with `{key}` for a link to
    an interactive picture of a finding's subject (the explorer)."""
    when = generated or dt.datetime.now().replace(microsecond=0)
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            r=result,
            svg=relationship_svg(result),
            generated=when.isoformat(sep=" "),
            evidence_url=evidence_url,
        )
    )


def write_report(result: ScreeningResult, path: Path | str, **kwargs: object) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_report(result, **kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return p
