"""Investigator commands for `graph-credit`: search, neighbours, paths, shared links, cycles, chains,
records nearby and the catalogue. `register(app)` adds them to the main Typer app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.table import Table

from graph_credit import investigate as inv
from graph_credit import params as P
from graph_credit.cli.app import (
    DbOption,
    EdgesAsOfOption,
    JsonFlag,
    as_of_date,
    limit_option,
    out,
    print_json,
    run_read,
)

EdgeKinds = Annotated[
    list[str] | None,
    typer.Option(
        "--edge-kind", help=f"Edge kind to follow (repeat); default all: {', '.join(inv.ALL_EDGE_KINDS)}."
    ),
]


def _emit(result: Any, json_out: bool, human: Callable[[Any], None]) -> None:
    if json_out:
        print_json(result.model_dump(mode="json"))
    else:
        human(result)


def _node(n: inv.NodeRef) -> str:
    extra = f" {n.id_masked}" if n.id_masked else ""
    return f"{n.label()}{extra} [dim]{n.kind} {n.key}[/]"


def _print_paths(paths: list[inv.Path], title: str) -> None:
    for i, p in enumerate(paths, 1):
        out.print(f"[bold]{title} {i}[/] ({p.length} hops): {p.text()}")
        if p.through_hubs:
            out.print(f"  [yellow]through hub(s):[/] {', '.join(p.through_hubs)}")


def _print_path_result(r: inv.PathResult) -> None:
    _print_paths(r.paths, "path")
    if not r.paths:
        out.print("no path")
    for note in r.notes:
        out.print(f"[yellow]note:[/] {note}")
    for h in r.hubs_not_expanded[:5]:
        out.print(f"  hub not expanded: {_node(h.node)} ({h.degree:,} edges)")
    out.print(f"[dim]{r.nodes_expanded:,} nodes expanded, {r.edges_fetched:,} edges fetched[/]")


def register(app: typer.Typer) -> None:
    """Add the investigator commands to `app`."""

    @app.command("search")
    def search_cmd(
        q: Annotated[str, typer.Argument(help="USCC, enterprise name or person name (or part of one).")],
        kind: Annotated[list[str] | None, typer.Option(help="Enterprise and/or Person (repeat).")] = None,
        exact: Annotated[bool, typer.Option("--exact", help="Whole names only, no partial match.")] = False,
        limit: Annotated[int, typer.Option(help="Hits per page.")] = 20,
        offset: Annotated[int, typer.Option(help="Hits to skip.")] = 0,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Find enterprises by USCC or name and persons by name, exact matches first."""
        r = run_read(
            db,
            lambda s: inv.search(
                s, q, kinds=kind or inv.SUBJECT_KINDS, partial=not exact, limit=limit, offset=offset
            ),
        )

        def human(r: inv.SearchResult) -> None:
            t = Table("kind", "key", "name", "match", "status / masked ID", title=f"search {r.query!r}")
            for h in r.hits:
                t.add_row(h.kind, h.key, h.name or "", h.match, h.status or h.id_masked or "")
            out.print(t)
            if r.has_more:
                out.print(f"more: --offset {r.offset + r.limit}")

        _emit(r, json_out, human)

    @app.command("neighbours")
    def neighbours_cmd(
        subject: Annotated[str, typer.Argument(help="USCC, person key, project code or record id.")],
        hops: Annotated[int, limit_option(P.NEIGHBOUR_HOPS)] = P.NEIGHBOUR_HOPS.default,
        node_kind: Annotated[list[str] | None, typer.Option(help="Node kind to include (repeat).")] = None,
        edge_kind: EdgeKinds = None,
        as_of: EdgesAsOfOption = None,
        max_nodes: Annotated[int, limit_option(P.NEIGHBOUR_MAX_NODES)] = P.NEIGHBOUR_MAX_NODES.default,
        max_neighbours: Annotated[
            int, limit_option(P.NEIGHBOUR_MAX_NEIGHBOURS)
        ] = P.NEIGHBOUR_MAX_NEIGHBOURS.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """The k-hop neighbourhood of a subject, capped on hubs, with what was left out counted."""
        day = as_of_date(as_of)
        r = run_read(
            db,
            lambda s: inv.neighbourhood(
                s,
                subject,
                hops=hops,
                node_kinds=node_kind,
                edge_kinds=edge_kind,
                as_of=day,
                max_nodes=max_nodes,
                max_neighbours=max_neighbours,
            ),
        )

        def human(r: inv.Neighbourhood) -> None:
            t = Table(
                "depth",
                "kind",
                "key",
                "name",
                "status / masked ID",
                title=f"{r.subject.label()}: {len(r.nodes)} nodes, {len(r.edges)} edges within {r.hops} hops",
            )
            for n in r.nodes:
                t.add_row(str(n.depth), n.kind, n.key, n.label(), n.status or n.id_masked or "")
            out.print(t)
            for line in r.summary():
                out.print(f"[yellow]{line}[/]")

        _emit(r, json_out, human)

    @app.command("path")
    def path_cmd(
        source: Annotated[str, typer.Argument(help="First subject (key).")],
        target: Annotated[str, typer.Argument(help="Second subject (key).")],
        max_hops: Annotated[int, limit_option(P.SHORTEST_PATH_HOPS)] = P.SHORTEST_PATH_HOPS.default,
        edge_kind: EdgeKinds = None,
        as_of: EdgesAsOfOption = None,
        hub_degree: Annotated[
            int, typer.Option(help="Nodes with more edges are not passed through.")
        ] = inv.FULL_FETCH_MAX,
        max_paths: Annotated[int, limit_option(P.SHORTEST_MAX_PATHS)] = P.SHORTEST_MAX_PATHS.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """The shortest path(s) between two subjects, avoiding hubs unless nothing else connects."""
        day = as_of_date(as_of)
        r = run_read(
            db,
            lambda s: inv.shortest_path(
                s,
                source,
                target,
                max_hops=max_hops,
                edge_kinds=edge_kind,
                as_of=day,
                hub_degree=hub_degree,
                max_paths=max_paths,
            ),
        )
        _emit(r, json_out, _print_path_result)

    @app.command("paths")
    def paths_cmd(
        source: Annotated[str, typer.Argument(help="First subject (key).")],
        target: Annotated[str, typer.Argument(help="Second subject (key).")],
        max_hops: Annotated[int, limit_option(P.ALL_PATHS_HOPS)] = P.ALL_PATHS_HOPS.default,
        edge_kind: EdgeKinds = None,
        as_of: EdgesAsOfOption = None,
        hub_degree: Annotated[
            int, typer.Option(help="Nodes with more edges are not expanded.")
        ] = inv.FULL_FETCH_MAX,
        max_paths: Annotated[int, limit_option(P.ALL_PATHS_MAX_PATHS)] = P.ALL_PATHS_MAX_PATHS.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Every simple path of at most --max-hops between two subjects, shortest first."""
        day = as_of_date(as_of)
        r = run_read(
            db,
            lambda s: inv.all_paths(
                s,
                source,
                target,
                max_hops=max_hops,
                edge_kinds=edge_kind,
                as_of=day,
                hub_degree=hub_degree,
                max_paths=max_paths,
            ),
        )
        _emit(r, json_out, _print_path_result)

    @app.command("shared-links")
    def shared_links_cmd(
        uscc: Annotated[str, typer.Argument(help="The enterprise's USCC.")],
        kind: Annotated[
            list[str] | None, typer.Option(help=f"Link kind (repeat): {', '.join(inv.LINK_KINDS)}.")
        ] = None,
        as_of: EdgesAsOfOption = None,
        per_link: Annotated[int, limit_option(P.SHARED_PER_LINK)] = P.SHARED_PER_LINK.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Enterprises sharing a legal representative, shareholder, executive, address or phone (疑似关联)."""
        day = as_of_date(as_of)
        r = run_read(db, lambda s: inv.shared_links(s, uscc, as_of=day, kinds=kind, per_link=per_link))

        def human(r: inv.SharedLinks) -> None:
            t = Table(
                "link",
                "uscc",
                "name",
                "shared",
                "here",
                "there",
                title=f"shared links of {r.subject.label()}",
            )
            for s in r.links:
                shared = _node(s.via) if s.via else (s.value or "")
                t.add_row(
                    s.link, s.enterprise.key, s.enterprise.name or "", shared, s.here or "", s.there or ""
                )
            out.print(t)
            for line in r.truncated:
                out.print(f"[yellow]{line}[/]")

        _emit(r, json_out, human)

    @app.command("cycles")
    def cycles_cmd(
        uscc: Annotated[str, typer.Argument(help="The enterprise's USCC.")],
        kind: Annotated[
            str, typer.Option(help="holds (circular holdings) or guarantees (guarantee circles).")
        ] = "holds",
        max_hops: Annotated[int, limit_option(P.CYCLE_HOPS)] = P.CYCLE_HOPS.default,
        as_of: EdgesAsOfOption = None,
        max_cycles: Annotated[int, limit_option(P.MAX_CYCLES)] = P.MAX_CYCLES.default,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Circular holdings or guarantee circles through an enterprise, each cycle once."""
        day = as_of_date(as_of)
        if kind not in ("holds", "guarantees"):
            raise typer.BadParameter("must be holds or guarantees", param_hint="--kind")
        fn = inv.circular_holdings if kind == "holds" else inv.guarantee_circles
        r = run_read(db, lambda s: fn(s, uscc, max_hops=max_hops, as_of=day, max_cycles=max_cycles))

        def human(r: inv.Cycles) -> None:
            for i, c in enumerate(r.cycles, 1):
                share = f", share {c.share:.2%}" if c.share is not None else ""
                out.print(f"[bold]cycle {i}[/] ({c.length} hops{share}): {c.text()}")
            if not r.cycles:
                out.print(f"no {r.edge_kind} cycle through {r.subject.label()} within {r.max_hops} hops")
            for note in r.notes:
                out.print(f"[yellow]note:[/] {note}")

        _emit(r, json_out, human)

    @app.command("guarantee-chains")
    def guarantee_chains_cmd(
        uscc: Annotated[str, typer.Argument(help="The enterprise's USCC.")],
        direction: Annotated[
            str, typer.Option(help="down (whom it guarantees), up (who guarantees it) or both.")
        ] = "both",
        max_hops: Annotated[int, limit_option(P.CHAIN_HOPS)] = P.CHAIN_HOPS.default,
        as_of: EdgesAsOfOption = None,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Guarantee chains from an enterprise, down and/or up."""
        day = as_of_date(as_of)
        r = run_read(
            db,
            lambda s: inv.guarantee_chains(
                s,
                uscc,
                direction=direction,
                max_hops=max_hops,  # type: ignore[arg-type]
                as_of=day,
            ),
        )

        def human(r: inv.GuaranteeChains) -> None:
            _print_paths(r.chains, "chain")
            if not r.chains:
                out.print("no guarantee chain")
            for t in r.truncated:
                out.print(f"[yellow]{t.message()}[/]")
            for note in r.notes:
                out.print(f"[yellow]note:[/] {note}")

        _emit(r, json_out, human)

    @app.command("records-near")
    def records_near_cmd(
        subject: Annotated[str, typer.Argument(help="USCC or person key.")],
        hops: Annotated[int, limit_option(P.RECORDS_NEAR_HOPS)] = P.RECORDS_NEAR_HOPS.default,
        record_kind: Annotated[list[str] | None, typer.Option(help="Record kind (repeat).")] = None,
        status: Annotated[list[str] | None, typer.Option(help="Record status (repeat).")] = None,
        as_of: EdgesAsOfOption = None,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Credit records of the subject and of subjects within --hops, with the path to each."""
        day = as_of_date(as_of)
        r = run_read(
            db,
            lambda s: inv.records_near(
                s, subject, hops=hops, record_kinds=record_kind, statuses=status, as_of=day
            ),
        )

        def human(r: inv.RecordsNear) -> None:
            t = Table(
                "record",
                "kind",
                "status",
                "authority",
                "decided",
                "holder",
                "relation",
                "hops",
                "path",
                title=f"records within {r.hops} hops of {r.subject.label()}",
            )
            for x in r.records:
                t.add_row(
                    x.record.record_id,
                    x.record.kind or "",
                    x.record.status or "",
                    x.record.authority or "",
                    str(x.record.decision_date or ""),
                    x.holder.label(),
                    x.relation,
                    str(x.distance),
                    x.path.text(),
                )
            out.print(t)
            for line in r.truncated:
                out.print(f"[yellow]{line}[/]")

        _emit(r, json_out, human)

    @app.command("catalogue")
    def catalogue_cmd(
        area: Annotated[
            str | None, typer.Option(help="Only named queries of this area, e.g. investigate.")
        ] = None,
        json_out: JsonFlag = False,
    ) -> None:
        """The investigator functions and the named queries, with parameters and purposes."""
        c = inv.catalogue(area)

        def human(c: inv.Catalogue) -> None:
            t = Table("function", "command", "parameters", "purpose", title="investigator functions")
            for f in c.functions:
                params = ", ".join(p.name if p.required else f"{p.name}={p.default}" for p in f.params)
                t.add_row(f.name, f.cli or "", params, f.purpose)
            out.print(t)
            t = Table("query", "mode", "params", "engines", "purpose", title="named queries (cypher/)")
            for q in c.queries:
                t.add_row(q.name, q.mode, ", ".join(q.params), ", ".join(q.engines) or "shared", q.purpose)
            out.print(t)

        _emit(c, json_out, human)
