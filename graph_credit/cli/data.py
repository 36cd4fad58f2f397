"""Data commands for `graph-credit`: generate a synthetic bundle, load a bundle, count the graph,
serve the HTTP API, and the demo that does all three. `register(app)` adds them to the main app."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph_credit.cli.app import DbOption, JsonFlag, err, open_db, out, print_json
from graph_credit.settings import get_settings


def generate(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the CSV bundle into.")],
    scale: Annotated[str, typer.Option(help="tiny, demo or city (about 1,000,000 enterprises).")] = "demo",
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 20230811,
    json_out: JsonFlag = False,
) -> None:
    """Write a synthetic, city-shaped CSV bundle (docs/data-format.md)."""
    from loaders.synthetic import SCALES
    from loaders.synthetic import generate as gen

    if scale not in SCALES:
        raise typer.BadParameter(f"scale must be one of {', '.join(SCALES)}", param_hint="--scale")
    t0 = time.perf_counter()
    with err.status(f"generating {scale} bundle into {out_dir}"):
        counts = gen(scale, out_dir, seed=seed)
    if json_out:
        print_json({"folder": str(out_dir), "rows": counts, "seconds": round(time.perf_counter() - t0, 2)})
        return
    table = Table("file", "rows", title=f"{scale} bundle in {out_dir}")
    for name, n in counts.items():
        table.add_row(name, f"{n:,}")
    out.print(table)


def _load(folder: Path, db: Path | None, rejected_dir: Path | None, quiet: bool):  # type: ignore[no-untyped-def]
    from loaders.load import load_bundle

    store = open_db(db)
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, disable=quiet
        ) as bar:
            task = bar.add_task("loading", total=26)

            def step(name: str) -> None:
                bar.update(task, advance=1, description=name)

            return load_bundle(
                store, folder, get_settings().person_key_secret, rejected_dir=rejected_dir, progress=step
            )
    finally:
        store.close()


def _print_load_report(report) -> None:  # type: ignore[no-untyped-def]
    t = Table("file", "encoding", "rows", "rejected", title=f"bundle {report.folder}")
    for name, n in report.rows.items():
        t.add_row(name, report.encodings[name], f"{n:,}", f"{report.rejected.get(name, 0):,}")
    out.print(t)
    t = Table("kind", "inserted", "updated", "unchanged", title="graph")
    for kind, c in {**report.nodes, **report.edges}.items():
        t.add_row(kind, f"{c.inserted:,}", f"{c.updated:,}", f"{c.unchanged:,}")
    out.print(t)
    for w in report.warnings:
        out.print(f"[yellow]warning:[/] {w}")
    if report.over_full:
        out.print(
            f"[yellow]{len(report.over_full)} enterprise(s) held above 100% on some date[/] (first 10):"
        )
        for row in report.over_full[:10]:
            out.print(f"  {row['target']} on {row['date'] or 'every date'}: {row['total']:.2%}")
    if report.rejected_dir:
        out.print(
            f"[red]{report.total_rejected:,} row(s) rejected[/]; kept with reasons in {report.rejected_dir}"
        )
    if report.withdrawn:
        out.print(f"withdrawn: {report.withdrawn:,} row(s) of earlier bundles (kept as corrections)")
    if report.corrections:
        out.print(
            "corrected records (record history shows each): "
            + ", ".join(f"{what} {n:,}" for what, n in sorted(report.corrections.items()))
        )
    if report.restrictions:
        r = report.restrictions
        out.print(
            f"restrictions ({r['mode']}): {r['reason']}; {r['restrictions']:,} restriction(s), "
            f"{r['tasks_created']:,} task(s) pushed"
        )
    out.print(f"done in {report.seconds['total']} s")


def load(
    folder: Annotated[Path, typer.Argument(help="Bundle folder (docs/data-format.md).")],
    db: DbOption = None,
    strict: Annotated[bool, typer.Option(help="Exit with status 1 if any row was rejected.")] = False,
    rejected_dir: Annotated[
        Path | None,
        typer.Option(
            help="Folder under which each run keeps its rejected rows in a new folder of its own (default DIR/rejected); never the bundle folder or a symlink."
        ),
    ] = None,
    json_out: JsonFlag = False,
) -> None:
    """Validate and load a CSV bundle; re-loading the same bundle changes nothing."""
    from loaders.bundle import BundleError

    try:
        report = _load(folder, db, rejected_dir, quiet=json_out)
    except BundleError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    if json_out:
        print_json(dataclasses.asdict(report))
    else:
        _print_load_report(report)
    if strict and report.total_rejected:
        raise typer.Exit(1)


def stats(db: DbOption = None, json_out: JsonFlag = False) -> None:
    """Count the nodes and edges of each kind."""
    from graph_credit.stats import graph_stats

    store = open_db(db, read_only=True)
    try:
        result = graph_stats(store)
    finally:
        store.close()
    if json_out:
        print_json(result)
        return
    t = Table("kind", "count", title=f"graph ({result['engine']})")
    for kind, n in {**result["nodes"], **result["edges"], **result.get("derived", {})}.items():
        t.add_row(kind, f"{n:,}")
    out.print(t)


def serve(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Bind address (default: settings, loopback).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: settings).")] = None,
) -> None:
    """Serve the HTTP API."""
    import uvicorn

    from api.app import create_app
    from graph_credit.errors import InvalidInput

    settings = get_settings()
    if db is not None:
        settings = settings.model_copy(update={"db_path": db})
    try:
        app = create_app(settings)  # refuses development keys outside development
    except InvalidInput as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    # Sync routes run in uvicorn's thread pool; the engine gives each thread its own connection.
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        timeout_keep_alive=15,
        limit_concurrency=512,
        log_level="warning",
    )


def demo(
    workdir: Annotated[Path, typer.Option(help="Where the demo bundle and database live.")] = Path(
        "var/demo"
    ),
    scale: Annotated[str, typer.Option(help="Data scale to generate.")] = "demo",
    port: Annotated[int | None, typer.Option(help="Port to serve on.")] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build and load, then stop.")] = False,
) -> None:
    """Generate the demo data set, load it into the embedded engine and serve the API."""
    bundle = workdir / f"bundle-{scale}"
    db = workdir / f"graph-{scale}.lbug"
    if not (bundle / "enterprises.csv").exists():
        generate(bundle, scale=scale)
    report = _load(bundle, db, None, quiet=False)
    _print_load_report(report)
    if no_serve:
        return
    settings = get_settings()
    out.print(
        f"serving on http://{settings.host}:{port or settings.port}  "
        "(API docs at /docs; Ctrl-C stops; the database is held by this process while it runs)"
    )
    if settings.env == "development" and not (settings.api_keys or settings.api_keys_file):
        from graph_credit.apikeys import DEV_KEYS

        out.print(
            "development API keys (X-API-Key): "
            + ", ".join(f"{k} ({r.value})" for k, (r, _) in DEV_KEYS.items())
        )
    serve(db=db, host=None, port=port)


def register(app: typer.Typer) -> None:
    """Add the data commands to `app`."""
    app.command("generate")(generate)
    app.command("load")(load)
    app.command("stats")(stats)
    app.command("serve")(serve)
    app.command("demo")(demo)
