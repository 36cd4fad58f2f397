"""`graph-credit explore`: a subject's picture as a standalone HTML page (scripts inlined, so the
file opens offline). `register(app)` adds the command to the main Typer app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from graph_credit import explore
from graph_credit.cli.app import DbOption, EdgesAsOfOption, JsonFlag, as_of_date, out, print_json, run_read


def register(app: typer.Typer) -> None:
    """Add the explorer command to `app`."""

    @app.command("explore")
    def explore_cmd(
        subject: Annotated[str, typer.Argument(help="USCC, person key, project code or record id.")],
        output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
        hops: Annotated[int, typer.Option(help="Neighbourhood depth, 1 to 4.")] = 2,
        tree: Annotated[
            str | None,
            typer.Option("--tree", help="An ownership tree instead: up (owners) or down (holdings)."),
        ] = None,
        path_to: Annotated[
            str | None,
            typer.Option("--path-to", help="The shortest paths from SUBJECT to this subject instead."),
        ] = None,
        as_of: EdgesAsOfOption = None,
        viewer_role: Annotated[
            str,
            typer.Option(help=f"Mask persons as this role sees them: {', '.join(explore.VIEWER_ROLES)}."),
        ] = "investigator",
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Write an interactive picture of a subject's relations: its neighbourhood (default), its
        ownership tree (--tree up|down) or its paths to another subject (--path-to)."""
        day = as_of_date(as_of)
        if tree not in (None, "up", "down"):
            raise typer.BadParameter("up or down", param_hint="--tree")
        if viewer_role not in explore.VIEWER_ROLES:
            raise typer.BadParameter(", ".join(explore.VIEWER_ROLES), param_hint="--viewer-role")

        def build(store) -> explore.Subgraph:  # type: ignore[no-untyped-def]
            if path_to:
                return explore.path_view(store, subject, path_to, as_of=day)
            if tree:
                direction: Literal["up", "down"] = "up" if tree == "up" else "down"
                return explore.ownership_view(store, subject, direction, as_of=day)
            return explore.neighbourhood_view(store, subject, hops=hops, as_of=day)

        sg = run_read(db, build)
        output.write_text(explore.render_page(sg, role=viewer_role, inline_assets=True), encoding="utf-8")
        summary = {
            "output": str(output),
            "title": sg.title,
            "nodes": len(sg.nodes),
            "edges": len(sg.edges),
            "marked": {
                f: sum(f in n.flags for n in sg.nodes)
                for f in ("sanctioned", "restricted", "record", "monitored")
            },
            "notes": sg.notes,
        }
        if json_out:
            print_json(summary)
        else:
            out.print(f"wrote {output}: {summary['nodes']} nodes, {summary['edges']} edges ({sg.title})")
            for note in sg.notes:
                out.print(f"[yellow]{note}[/]")
