"""The read-side topology index: node keys as dense integers, edges as CSR both ways with kind and
period, built in bulk from the engine, persisted beside the database and rebuilt when it changed.

Paths are searched in it and neighbourhoods take degrees and hub counts from it; node details and
edge properties still come from the engine (graph_credit.investigate)."""

from graph_credit.topology.build import build_index
from graph_credit.topology.cache import (
    cache_path,
    drop_index,
    file_stamp,
    index_for,
    index_state,
    ready_index,
)
from graph_credit.topology.index import OPEN_END, OPEN_START, TopologyIndex, day_number

__all__ = [
    "OPEN_END",
    "OPEN_START",
    "TopologyIndex",
    "build_index",
    "cache_path",
    "day_number",
    "drop_index",
    "file_stamp",
    "index_for",
    "index_state",
    "ready_index",
]
