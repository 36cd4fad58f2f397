"""Ownership commands for `graph-credit`: trees up and down, integrated owners, beneficial owners,
the actual controller. `register(app)` adds them to the main Typer app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.tree import Tree

from graph_credit.cli.app import (
    AsOfOption,
    DbOption,
    JsonFlag,
    as_of_date,
    limit_option,
    out,
    print_json,
    run_domain,
)
from graph_credit.errors import InvalidInput
from graph_credit.params import OWNERSHIP_DEPTH, OWNERSHIP_MAX_NODES

if TYPE_CHECKING:
    from graph_credit.ownership import Holding, Issue, OwnershipPath, OwnershipTree, Party

DepthOption = Annotated[int, limit_option(OWNERSHIP_DEPTH)]
MaxNodesOption = Annotated[int, limit_option(OWNERSHIP_MAX_NODES)]
Subject = Annotated[str, typer.Argument(help="USCC of an enterprise, or a person key.")]
Uscc = Annotated[str, typer.Argument(help="USCC of the enterprise.")]


def _run(db: Path | None, call: Any, *args: Any, **kwargs: Any) -> Any:
    """One domain call on the store read-only; only invalid input is a usage error here."""
    return run_domain(db, lambda store: call(store, *args, **kwargs), errors=(InvalidInput,))


def _json(model: Any) -> None:
    print_json(model.model_dump(mode="json"))


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2%}"


def _who(p: Party) -> str:
    kind = "state" if p.is_state else p.kind
    extra = f", {p.id_masked}" if p.id_masked else ""
    return f"{p.name or '?'} [dim]({kind}, {p.key}{extra})[/]"


def _period(e: Holding) -> str:
    if e.since is None and e.until is None:
        return ""
    return f" {e.since or '…'} – {e.until or '…'}"


def _edge_label(e: Holding) -> str:
    derived = " [yellow]derived[/]" if e.ratio_derived else ""
    return f"{e.ratio:.2%}{derived}[dim]{_period(e)}[/]"


def _issues(issues: list[Issue]) -> None:
    for i in issues:
        out.print(f"[yellow]{i.kind.replace('_', ' ')}:[/] {i.message}")


def _print_tree(tree: OwnershipTree) -> None:
    up = tree.direction == "up"
    by_key = {n.key: n for n in tree.nodes}
    links: dict[str, list[Holding]] = {}
    for e in tree.edges:
        links.setdefault(e.target if up else e.holder, []).append(e)
    title = "holders of" if up else "holdings of"
    root = Tree(f"{title} {_who(tree.subject)} on {tree.as_of}")
    shown: set[str] = set()

    def grow(branch: Tree, key: str, on_path: set[str]) -> None:
        for e in sorted(links.get(key, []), key=lambda x: -x.ratio):
            other = e.holder if up else e.target
            label = f"{_edge_label(e)}  {_who(by_key[other])}"
            if other in on_path:
                branch.add(f"{label} [magenta]↺ cycle[/]")
            elif other in shown and other in links:
                branch.add(f"{label} [dim](shown above)[/]")
            else:
                shown.add(other)
                grow(branch.add(label), other, on_path | {other})

    grow(root, tree.subject.key, {tree.subject.key})
    out.print(root)
    levels = max(n.level for n in tree.nodes)
    out.print(f"{len(tree.nodes):,} node(s), {len(tree.edges):,} holding(s), {levels} level(s)")
    _issues(tree.issues)


def _path_text(p: OwnershipPath) -> str:
    return p.describe() + (" [yellow](derived)[/]" if p.ratio_derived else "")


def register(app: typer.Typer) -> None:
    """Add the ownership commands to `app`."""

    @app.command("ownership-up")
    def ownership_up_cmd(
        subject: Subject,
        as_of: AsOfOption = None,
        depth: DepthOption = OWNERSHIP_DEPTH.default,
        max_nodes: MaxNodesOption = OWNERSHIP_MAX_NODES.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Who holds the subject, and who holds them, hop by hop (holdings in force on a date)."""
        from graph_credit.ownership import ownership_up

        tree = _run(db, ownership_up, subject, as_of=as_of_date(as_of), depth=depth, max_nodes=max_nodes)
        _json(tree) if json_out else _print_tree(tree)

    @app.command("ownership-down")
    def ownership_down_cmd(
        subject: Subject,
        as_of: AsOfOption = None,
        depth: DepthOption = OWNERSHIP_DEPTH.default,
        max_nodes: MaxNodesOption = OWNERSHIP_MAX_NODES.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """What the subject holds, and what those hold, hop by hop (largest stakes first)."""
        from graph_credit.ownership import ownership_down

        tree = _run(db, ownership_down, subject, as_of=as_of_date(as_of), depth=depth, max_nodes=max_nodes)
        _json(tree) if json_out else _print_tree(tree)

    @app.command("owners")
    def owners_cmd(
        uscc: Uscc,
        as_of: AsOfOption = None,
        depth: DepthOption = OWNERSHIP_DEPTH.default,
        paths: Annotated[int, typer.Option(min=0, help="Paths to show per owner.")] = 3,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Integrated ownership of every owner, through cross-holdings, with the paths behind it."""
        from graph_credit.ownership import effective_owners

        result = _run(db, effective_owners, uscc, as_of=as_of_date(as_of), depth=depth)
        if json_out:
            _json(result)
            return
        table = Table(
            "owner", "share", "direct", "paths", title=f"owners of {_who(result.target)} on {result.as_of}"
        )
        for o in result.owners:
            lines = [_path_text(p) for p in o.paths[:paths]]
            if o.via_cycles:
                lines.append(f"[magenta]+ {o.via_cycles:.2%} round cross-holdings[/]")
            if o.undetermined:
                lines = [f"[red]undetermined:[/] {o.undetermined}"]
            table.add_row(_who(o.party), _pct(o.share), _pct(o.direct), "\n".join(lines))
        out.print(table)
        if result.self_held:
            out.print(f"the enterprise holds {result.self_held:.2%} of itself through cross-holdings")
        _issues(result.issues)

    @app.command("beneficial-owners")
    def beneficial_owners_cmd(
        uscc: Uscc,
        as_of: AsOfOption = None,
        threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share to reach (0-1).")] = 0.25,
        depth: DepthOption = OWNERSHIP_DEPTH.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Natural persons and state bodies whose integrated ownership reaches the threshold."""
        from graph_credit.ownership import beneficial_owners

        result = _run(db, beneficial_owners, uscc, as_of=as_of_date(as_of), threshold=threshold, depth=depth)
        if json_out:
            _json(result)
            return
        if result.owners:
            table = Table("beneficial owner", "kind", "share", "largest path", title=f"on {result.as_of}")
            for b in result.owners:
                table.add_row(
                    _who(b.party),
                    b.kind.replace("_", " "),
                    _pct(b.share),
                    _path_text(b.paths[0]) if b.paths else "",
                )
            out.print(table)
        out.print(result.message)
        _issues(result.issues)

    @app.command("controller")
    def controller_cmd(
        uscc: Uscc,
        as_of: AsOfOption = None,
        depth: DepthOption = OWNERSHIP_DEPTH.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """The actual controller: majority control (> 50%) followed to the top, with the chain."""
        from graph_credit.ownership import actual_controller

        result = _run(db, actual_controller, uscc, as_of=as_of_date(as_of), depth=depth)
        if json_out:
            _json(result)
            return
        out.print(result.message)
        if result.steps:
            table = Table("controller", "controls", "votes", "counting", title="chain of control")
            for s in result.steps:
                names = {p.key: p.name or p.key for p in (s.controller, *s.via)}
                counting = ", ".join(f"{names.get(h.holder, h.holder)} {_edge_label(h)}" for h in s.holdings)
                table.add_row(_who(s.controller), _who(s.controlled), _pct(s.votes), counting)
            out.print(table)
        elif result.largest_holders:
            table = Table("holder", "direct", "with controlled companies", title="largest holders")
            for h in result.largest_holders:
                table.add_row(_who(h.party), _pct(h.direct), _pct(h.votes))
            out.print(table)
        _issues(result.issues)
