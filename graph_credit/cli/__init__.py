"""`graph-credit`: the one composition root wiring the domain, the loaders and the API together.

`app.py` holds the Typer app and what the command groups share; each group module adds its commands
with `register(app)`, here and nowhere else, in the order `graph-credit --help` lists them. Every
query command offers `--json` for machines; without it, it prints for people.

Nothing outside this package imports from it (tests/test_layering.py checks that); the console
script is `graph_credit.cli:app`. The name `app` here is the Typer app, not the `app` module: take
the shared helpers with `from graph_credit.cli.app import ...`.
"""

from __future__ import annotations

from types import ModuleType

from graph_credit.cli import api, data, explore, investigate, ownership, punishment, screening, topology
from graph_credit.cli.app import app

# (title, module) in the order of `graph-credit --help`; docs/cli.md is grouped by these titles.
GROUPS: tuple[tuple[str, ModuleType], ...] = (
    ("Data: generate, load, count, serve", data),
    ("Ownership", ownership),
    ("Investigation", investigate),
    ("Credit checks", screening),
    ("HTTP API: keys and contract", api),
    ("Explorer", explore),
    ("Joint punishment and incentives", punishment),
    ("Topology index", topology),
)


def _register_groups() -> None:
    for _, group in GROUPS:
        group.register(app)


_register_groups()

__all__ = ["GROUPS", "app"]
