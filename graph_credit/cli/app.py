"""The `graph-credit` Typer app and what every command group shares: the `--db`, `--json` and
`--as-of` options, printing for people and for machines, and opening the store.

This module imports no command group; `graph_credit/cli/__init__.py` registers them onto `app`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graph_credit.errors import GraphCreditError, NotFound
from graph_credit.params import AS_OF_ANY_PERIOD, AS_OF_TODAY, Limit
from graph_credit.settings import get_settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Linked credit relationships as a graph.")

out = Console()
err = Console(stderr=True, soft_wrap=True)  # error lines stay whole for grep and tests
# The investigator, explorer, ownership and topology commands have always wrapped their error lines
# at the console's width; they print through this one so that their output stays as it was.
wrapping_err = Console(stderr=True)


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
DbOption = Annotated[Path | None, typer.Option("--db", help="LadybugDB file (default: settings).")]
EdgesAsOfOption = Annotated[str | None, typer.Option("--as-of", help=sentence(AS_OF_ANY_PERIOD))]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help=sentence(AS_OF_TODAY))]


def limit_option(limit: Limit) -> Any:
    """The option of a shared question argument (graph_credit.params): the domain's range and meaning."""
    return typer.Option(
        min=limit.low, max=limit.high, help=sentence(f"{limit.meaning} ({limit.low}-{limit.high})")
    )


def as_of_date(value: str | None, param_hint: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option as a date, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=param_hint) from None


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_json(value: Any) -> None:
    """Print a value as indented JSON on stdout: dates as ISO strings, dataclasses as objects."""
    sys.stdout.write(json.dumps(value, default=_json_default, ensure_ascii=False, indent=2) + "\n")


def open_db(db: Path | None, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The store the settings name, or the LadybugDB file `db` instead of the configured one."""
    from graph_credit.store import open_store

    settings = get_settings()
    if db is not None:
        settings = settings.model_copy(update={"db_path": db})
    return open_store(settings, read_only=read_only)


def run_domain(
    db: Path | None,
    fn: Callable[[Any], Any],
    *,
    write: bool = False,
    console: Console = wrapping_err,
    errors: tuple[type[GraphCreditError], ...] = (GraphCreditError,),
) -> Any:
    """Open the store (read-only unless the call writes), return `fn(store)`; not found exits 1,
    the other domain errors given exit 2, printed on `console`."""
    try:
        store = open_db(db, read_only=not write)
        try:
            return fn(store)
        finally:
            store.close()
    except NotFound as exc:
        console.print(f"[red]not found:[/] {exc}")
        raise typer.Exit(1) from None
    except errors as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


def run_read(db: Path | None, fn: Callable[[Any], Any]) -> Any:
    """Open the store read-only, return `fn(store)`; not found exits 1, other domain errors exit 2."""
    return run_domain(db, fn)
