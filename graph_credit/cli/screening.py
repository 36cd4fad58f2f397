"""Credit-check commands for `graph-credit`: `screen`, `screen-batch`, `report`.
`register(app)` adds them to the main Typer app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from graph_credit.cli.app import AsOfOption, DbOption, JsonFlag, as_of_date, err, open_db, print_json
from graph_credit.cli.app import out as _out  # the commands' own `--out` parameter is named `out`
from graph_credit.errors import InvalidInput, NotFound

PolicyOption = Annotated[
    Path | None, typer.Option("--policy", help="Grading policy file (default: settings / shipped).")
]


def _open(db: Path | None) -> Any:
    return open_db(db, read_only=True)


def _fail(exc: Exception) -> typer.Exit:
    if isinstance(exc, NotFound):
        err.print(f"[red]not found:[/] {exc}")
        return typer.Exit(1)
    err.print(f"[red]error:[/] {exc}")
    return typer.Exit(2)


def _print_choice(choice: Any, json_out: bool) -> None:
    if json_out:
        print_json(choice.model_dump(mode="json"))
    else:
        err.print(choice.message)
        t = Table("USCC", "name", "match", "status")
        for h in choice.candidates:
            t.add_row(h.key, h.name or "", h.match, h.status or "")
        _out.print(t)


def _print_result(r: Any) -> None:
    colour = {"A": "green", "B": "green", "C": "yellow", "D": "red"}[r.grade]
    _out.print(f"[bold]{r.candidate.name}[/] {r.candidate.uscc}  as of {r.as_of.isoformat()}")
    _out.print(
        f"grade [bold {colour}]{r.grade} {r.grade_label}[/]  verdict [bold]{r.verdict}[/]  score {r.score:g}"
    )
    _out.print(f"{r.verdict_reason}")
    _out.print(f"supervision: {r.supervision}")
    _out.print(f"controller: {r.ownership.controller_message}")
    if r.findings:
        t = Table("rule", "weight", "finding", "path", title="findings")
        for f in r.findings:
            w = f"{f.weight:g}" + (" (suspended)" if f.suspended else "")
            t.add_row(f.rule, w, f.text, f.path.text())
        _out.print(t)
    else:
        _out.print("no findings")
    for n in r.notes:
        err.print(f"[dim]note: {n}[/]")


def screen_cmd(
    candidate: Annotated[str, typer.Argument(help="USCC, or an enterprise name (exact).")],
    as_of: AsOfOption = None,
    policy: PolicyOption = None,
    db: DbOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Investment-attraction credit check of one candidate: grade A-D, verdict, findings with paths."""
    from graph_credit.screening import CandidateChoice, screen

    when = as_of_date(as_of)
    store = _open(db)
    try:
        r = screen(store, candidate, as_of=when, policy=str(policy) if policy else None)
    except (NotFound, InvalidInput) as exc:
        raise _fail(exc) from None
    finally:
        store.close()
    if isinstance(r, CandidateChoice):
        _print_choice(r, json_out)
        raise typer.Exit(3)
    if json_out:
        print_json(r.model_dump(mode="json"))
    else:
        _print_result(r)


def screen_batch_cmd(
    file: Annotated[Path, typer.Argument(help="CSV with a uscc/name column, or one candidate per line.")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the table (.csv or .json).")] = None,
    evidence_dir: Annotated[
        Path | None, typer.Option("--evidence-dir", help="Write each candidate's full answer as JSON here.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Threads checking candidates.")] = 2,
    processes: Annotated[
        int,
        typer.Option(min=0, max=32, help="Worker processes instead of threads (LadybugDB; 0: threads)."),
    ] = 0,
    as_of: AsOfOption = None,
    policy: PolicyOption = None,
    db: DbOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Check a file of candidates: a table of grades and verdicts, with a progress bar."""
    import json

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graph_credit.screening import ScreeningResult, read_candidates, screen_batch, write_batch
    from graph_credit.store.base import TopologyHost

    when = as_of_date(as_of)
    try:
        candidates = read_candidates(file)
    except InvalidInput as exc:
        raise _fail(exc) from None
    store = _open(db)
    try:
        with Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
        ) as bar:
            task = bar.add_task("check", total=len(candidates))
            if processes and isinstance(store, TopologyHost):  # an embedded database in a file
                from graph_credit.screening.pool import screen_batch_processes
                from graph_credit.settings import get_settings

                settings = get_settings()
                result = screen_batch_processes(
                    store.path,
                    candidates,
                    processes=processes,
                    as_of=when,
                    policy=str(policy) if policy else None,
                    buffer_pool_mb=max(settings.buffer_pool_mb // processes, 128),
                    topology_dir=store.topology_dir,
                    keep_results=evidence_dir is not None,
                    progress=lambda n: bar.advance(task, n),
                )
            else:
                result = screen_batch(
                    store,
                    candidates,
                    as_of=when,
                    policy=str(policy) if policy else None,
                    workers=workers,
                    keep_results=evidence_dir is not None,
                    progress=lambda n: bar.advance(task, n),
                )
    except InvalidInput as exc:
        raise _fail(exc) from None
    finally:
        store.close()
    if evidence_dir is not None:
        evidence_dir.mkdir(parents=True, exist_ok=True)
        for r in result.results:
            if isinstance(r, ScreeningResult):
                (evidence_dir / f"{r.candidate.uscc}.json").write_text(
                    json.dumps(r.model_dump(mode="json"), ensure_ascii=False, indent=2), encoding="utf-8"
                )
    if out is not None:
        write_batch(result, out)
        err.print(f"{len(result.rows)} candidates in {result.seconds:.1f} s -> {out}")
    if json_out:
        print_json(result.rows)
    elif out is None:
        t = Table("query", "USCC", "name", "grade", "verdict", "score", "findings", "error")
        for row in result.rows:
            t.add_row(
                *(
                    str(row[c])
                    for c in ("query", "uscc", "name", "grade", "verdict", "score", "findings", "error")
                )
            )
        _out.print(t)


def report_cmd(
    uscc: Annotated[str, typer.Argument(help="USCC of the candidate (or its exact name).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="HTML file to write.")],
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Also write an explorer page per finding, linked from it.")
    ] = False,
    as_of: AsOfOption = None,
    policy: PolicyOption = None,
    db: DbOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Write the public credit report (公共信用报告) of one candidate as a printable HTML page."""
    from graph_credit.screening import CandidateChoice, screen
    from graph_credit.screening.report import write_report

    when = as_of_date(as_of)
    store = _open(db)
    try:
        r = screen(store, uscc, as_of=when, policy=str(policy) if policy else None)
        if not isinstance(r, CandidateChoice):
            write_report(r, out, evidence=evidence, store=store)
    except (NotFound, InvalidInput) as exc:
        raise _fail(exc) from None
    finally:
        store.close()
    if isinstance(r, CandidateChoice):
        _print_choice(r, json_out)
        raise typer.Exit(3)
    if json_out:
        print_json({"report": str(out), "uscc": r.candidate.uscc, "grade": r.grade, "verdict": r.verdict})
    else:
        err.print(f"{r.candidate.name}: {r.grade} {r.verdict} -> {out}")


def register(app: typer.Typer) -> None:
    """Add the credit-check commands to `app`."""
    app.command("screen")(screen_cmd)
    app.command("screen-batch")(screen_batch_cmd)
    app.command("report")(report_cmd)
