"""`graph-credit api-key new`: a key for the HTTP API, printed once, and the line to store."""

from __future__ import annotations

from typing import Annotated

import typer

from graph_credit.apikeys import ApiRole, new_key


def register(app: typer.Typer) -> None:
    keys = typer.Typer(no_args_is_help=True, help="API keys for the HTTP API (only their hashes are stored).")
    app.add_typer(keys, name="api-key")

    @keys.command("new")
    def new(
        role: Annotated[ApiRole, typer.Option("--role", help="public, screening, investigator or operator.")],
        name: Annotated[str, typer.Option("--name", help="Who holds the key (recorded in the query log).")],
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    ) -> None:
        """Create a random key: give the key to its holder, store the entry line in settings."""
        from graph_credit.cli import _print_json, err

        try:
            key, line = new_key(role, name)
        except ValueError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        if json_out:
            _print_json({"key": key, "entry": line, "role": role.value, "name": name})
            return
        typer.echo(f"key (shown once, give it to {name}): {key}")
        typer.echo(f"entry for GRAPH_CREDIT_API_KEYS or the keys file: {line}")
