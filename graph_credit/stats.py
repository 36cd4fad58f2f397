"""Counts of what the graph holds: the loaded kinds, and apart from them the derived ones."""

from __future__ import annotations

from typing import Any

from graph_credit.model import DERIVED_EDGE_KINDS, DERIVED_NODE_KINDS, EDGE_KINDS, NODE_KINDS
from graph_credit.store.base import GraphStore


def graph_stats(store: GraphStore) -> dict[str, Any]:
    node_counts = {r["kind"]: int(r["n"]) for r in store.read("stats/node_counts")}
    edge_counts = {r["kind"]: int(r["n"]) for r in store.read("stats/edge_counts")}
    nodes = {k: node_counts.get(k, 0) for k in NODE_KINDS}
    edges = {k: edge_counts.get(k, 0) for k in EDGE_KINDS}
    derived = {k: node_counts.get(k, 0) for k in DERIVED_NODE_KINDS}
    derived.update({k: edge_counts.get(k, 0) for k in DERIVED_EDGE_KINDS})
    return {"engine": store.engine, "nodes": nodes, "edges": edges, "derived": derived}
