"""`graph-credit api-key new`: a key for the HTTP API, printed once, and the line to store.
`graph-credit openapi`: the API's contract, written to (or checked against) docs/openapi.json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph_credit.apikeys import ApiRole, new_key
from graph_credit.cli.app import err, print_json


def register(app: typer.Typer) -> None:
    """Add the `api-key` group and the `openapi` command to `app`."""
    keys = typer.Typer(no_args_is_help=True, help="API keys for the HTTP API (only their hashes are stored).")
    app.add_typer(keys, name="api-key")

    @keys.command("new")
    def new(
        role: Annotated[ApiRole, typer.Option("--role", help="public, screening, investigator or operator.")],
        name: Annotated[str, typer.Option("--name", help="Who holds the key (recorded in the query log).")],
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    ) -> None:
        """Create a random key: give the key to its holder, store the entry line in settings."""
        try:
            key, line = new_key(role, name)
        except ValueError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        if json_out:
            print_json({"key": key, "entry": line, "role": role.value, "name": name})
            return
        typer.echo(f"key (shown once, give it to {name}): {key}")
        typer.echo(f"entry for GRAPH_CREDIT_API_KEYS or the keys file: {line}")

    @app.command("openapi")
    def openapi(
        out: Annotated[
            Path | None, typer.Option("--out", help="Where to write it (default docs/openapi.json).")
        ] = None,
        check: Annotated[
            bool, typer.Option("--check", help="Only compare: exit 1 and list what differs.")
        ] = False,
    ) -> None:
        """Write the HTTP API's OpenAPI document (its public contract), or check the committed one."""
        from api.contract import SNAPSHOT, diff_summary, openapi_document, render

        path = out or SNAPSHOT
        doc = openapi_document()
        if check:
            import json

            old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            lines = diff_summary(old, doc)
            if lines:
                typer.echo(f"{path} differs from the app's document:")
                for line in lines:
                    typer.echo(f"  {line}")
                raise typer.Exit(1)
            typer.echo(f"{path} is up to date")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(doc), encoding="utf-8")
        typer.echo(f"wrote {path} ({len(doc['paths'])} paths, {len(doc['components']['schemas'])} schemas)")
