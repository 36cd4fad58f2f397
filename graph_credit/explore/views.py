"""Views: the queries the explorer asks, answered as marked subgraphs."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from graph_credit import investigate as inv
from graph_credit import ownership as own
from graph_credit.errors import InvalidInput
from graph_credit.explore.convert import from_neighbourhood, from_ownership_tree, from_path_result
from graph_credit.explore.marks import mark
from graph_credit.explore.render import FULL_VIEW, check_role
from graph_credit.explore.subgraph import Subgraph, split_node_id
from graph_credit.identifiers import mask_name
from graph_credit.store.base import GraphStore

View = Literal["neighbourhood", "up", "down"]
VIEWS: tuple[str, ...] = ("neighbourhood", "up", "down")
# An expansion on click is one hop, bounded like any neighbourhood: hubs are counted, not drawn.
EXPAND_MAX_NEIGHBOURS = 25
EXPAND_MAX_NODES = 80


def neighbourhood_view(
    store: GraphStore,
    subject: str,
    *,
    hops: int = 2,
    as_of: dt.date | None = None,
    max_nodes: int = 300,
    max_neighbours: int = 25,
) -> Subgraph:
    nb = inv.neighbourhood(
        store, subject, hops=hops, as_of=as_of, max_nodes=max_nodes, max_neighbours=max_neighbours
    )
    return mark(store, from_neighbourhood(nb), as_of)


def ownership_view(
    store: GraphStore,
    subject: str,
    direction: Literal["up", "down"],
    *,
    as_of: dt.date | None = None,
    depth: int = 4,
    max_nodes: int = 300,
) -> Subgraph:
    if direction == "up":
        tree = own.ownership_up(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes)
        effective = None
        if tree.subject.kind == "enterprise":
            effective = own.effective_owners(
                store, tree.subject.key, as_of=as_of, depth=depth, max_nodes=max_nodes
            )
    elif direction == "down":
        tree = own.ownership_down(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes)
        effective = None
    else:
        raise InvalidInput(f"tree direction must be up or down, not {direction!r}")
    return mark(store, from_ownership_tree(tree, effective), as_of)


def path_view(
    store: GraphStore, source: str, target: str, *, as_of: dt.date | None = None, max_paths: int = 5
) -> Subgraph:
    """The shortest paths between two subjects (up to `max_paths` of equal length)."""
    result = inv.shortest_path(store, source, target, as_of=as_of, max_paths=max_paths)
    return mark(store, from_path_result(result), as_of)


def subject_view(
    store: GraphStore,
    subject: str,
    view: str = "neighbourhood",
    *,
    hops: int = 2,
    as_of: dt.date | None = None,
) -> Subgraph:
    if view == "neighbourhood":
        return neighbourhood_view(store, subject, hops=hops, as_of=as_of)
    if view in ("up", "down"):
        return ownership_view(store, subject, view, as_of=as_of)  # type: ignore[arg-type]
    raise InvalidInput(f"unknown view {view!r}; one of {', '.join(VIEWS)}")


def expand_view(
    store: GraphStore, nid: str, view: str = "neighbourhood", *, as_of: dt.date | None = None
) -> Subgraph:
    """One step out from a node the viewer clicked: its neighbours (capped on hubs), or in a tree
    view one more level of holders (up) or holdings (down)."""
    kind, key = split_node_id(nid)
    if view in ("up", "down"):
        if kind not in ("Enterprise", "Person"):
            return Subgraph(title=key, layout="tree_up" if view == "up" else "tree_down")
        return ownership_view(store, key, view, as_of=as_of, depth=1, max_nodes=EXPAND_MAX_NODES)  # type: ignore[arg-type]
    if view != "neighbourhood":
        raise InvalidInput(f"unknown view {view!r}; one of {', '.join(VIEWS)}")
    nb = inv.neighbourhood(
        store,
        key,
        kind=kind,
        hops=1,
        as_of=as_of,
        max_nodes=EXPAND_MAX_NODES,
        max_neighbours=EXPAND_MAX_NEIGHBOURS,
    )
    sg = mark(store, from_neighbourhood(nb), as_of)
    sg.node(sg.focus[0]).flags.remove("focus")
    return sg


def search_hits(store: GraphStore, q: str, role: str = "public", *, limit: int = 20) -> dict[str, Any]:
    """Search results as the viewer may see them (persons masked as in `vis_data`)."""
    viewer = check_role(role)
    res = inv.search(store, q, limit=limit)
    hits = []
    for h in res.hits:
        d = h.model_dump(mode="json")
        if h.kind == "Person":
            if viewer == "public":
                d["name"] = mask_name(h.name)
            if viewer not in FULL_VIEW:
                d["id_masked"] = None
        hits.append(d)
    return {"query": res.query, "hits": hits, "has_more": res.has_more}
