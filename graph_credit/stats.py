"""Counts of what the graph holds."""

from __future__ import annotations

from typing import Any

from graph_credit.model import EDGE_KINDS, NODE_KINDS
from graph_credit.store.base import GraphStore


def graph_stats(store: GraphStore) -> dict[str, Any]:
    nodes = {k: 0 for k in NODE_KINDS}
    nodes.update({r["kind"]: int(r["n"]) for r in store.read("stats/node_counts")})
    edges = {k: 0 for k in EDGE_KINDS}
    edges.update({r["kind"]: int(r["n"]) for r in store.read("stats/edge_counts")})
    return {"engine": store.engine, "nodes": nodes, "edges": edges}
