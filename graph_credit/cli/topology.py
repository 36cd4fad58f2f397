"""`graph-credit topology`: build (or check) the read-side topology index of a database.

The first path or neighbourhood question builds the index anyway; running this after a load makes
that first question fast, and shows what the index holds and what it costs."""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer

from graph_credit.cli.app import DbOption, open_db, out, print_json, wrapping_err


def register(app: typer.Typer) -> None:
    """Add the topology command to `app`."""

    @app.command("topology")
    def topology(
        db: DbOption = None,
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Build it again even if it is fresh.")
        ] = False,
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    ) -> None:
        """Build the topology index if it is missing or stale, and say what it holds."""
        from graph_credit.topology import cache_path, drop_index, index_for
        from graph_credit.topology.cache import index_source

        store = open_db(db, read_only=True)
        try:
            if index_source(store) is None:
                wrapping_err.print(
                    "[yellow]no topology index is kept for this store[/] (Neo4j, or GRAPH_CREDIT_TOPOLOGY_INDEX=false)"
                )
                raise typer.Exit(1)
            path = cache_path(store)
            if rebuild:
                drop_index(store)
                for p in [path, *path.parent.glob(f"{path.name}.*-*.npy")]:
                    p.unlink(missing_ok=True)
            t0 = time.perf_counter()
            index = index_for(store)
            assert index is not None
            seconds = time.perf_counter() - t0
            report: dict[str, Any] = {
                "path": str(path),
                "nodes": index.n_nodes,
                "edges": index.n_edges,
                "loaded": bool(store._topology_holder.loaded_from_disk),  # type: ignore[attr-defined]
                "seconds": round(seconds, 2),
                "build_seconds": round(index.build_seconds, 2),
                "memory_mb": round(index.nbytes() / 1e6, 1),
                "strings_mb": round(index.string_bytes() / 1e6, 1),
                "stamp": index.stamp,
            }
        finally:
            store.close()
        if json_out:
            print_json(report)
            return
        how = "loaded" if report["loaded"] else "built"
        out.print(
            f"{how} in {report['seconds']} s: {report['nodes']:,} nodes, {report['edges']:,} edges; "
            f"{report['memory_mb']} MB in memory ({report['strings_mb']} MB of it identities and labels); {path}"
        )
