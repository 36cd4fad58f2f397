"""Build the topology index in bulk: one read per node kind and per (edge kind, pair), as Arrow.

LadybugDB answers with its internal node offsets (dense integers per table), so the edge reads carry
no strings at all; an engine that answers with business keys (Neo4j) has them mapped by a hash join
in Arrow. Either way nothing is done per node or per edge in Python.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import EDGE_KINDS, NODE_KINDS
from graph_credit.schema import edge_slug, node_slug
from graph_credit.topology.index import OPEN_END, OPEN_START, TopologyIndex, value_property


def _read_arrow(store: Any, name: str) -> pa.Table:
    reader = getattr(store, "read_arrow", None)
    if reader is not None:
        return reader(name)
    return pa.Table.from_pylist(store.read(name))


def _key_bytes(keys: pa.Array) -> np.ndarray:
    """Business keys as a fixed-width bytes array (UTF-8), the form binary search works on."""
    if len(keys) == 0:
        return np.zeros(0, dtype="S1")
    as_bytes = pc.cast(pc.fill_null(keys, ""), pa.binary()).to_numpy(zero_copy_only=False)
    return as_bytes.astype("S")


def _flat(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _days(col: pa.ChunkedArray | None, n: int, fill: int) -> np.ndarray:
    if col is None:
        return np.full(n, fill, dtype=np.int32)
    days = pc.cast(col, pa.date32()).cast(pa.int32())
    return pc.fill_null(days, fill).to_numpy().astype(np.int32, copy=False)


def build_index(store: Any, stamp: str = "") -> TopologyIndex:
    t0 = time.perf_counter()
    node_kinds = tuple(NODE_KINDS)
    keys: dict[str, np.ndarray] = {}
    order: dict[str, np.ndarray] = {}
    rank: dict[str, np.ndarray] = {}
    id_lookup: dict[str, pa.Array | None] = {}  # kind -> engine ids when they are not offsets
    sizes = []
    for kind in node_kinds:
        tab = _read_arrow(store, f"topology/nodes_{node_slug(NODE_KINDS[kind])}")
        ids = tab.column("id").combine_chunks() if tab.num_rows else pa.array([], pa.int64())
        k = tab.column("key").combine_chunks() if tab.num_rows else pa.array([], pa.string())
        raw = _key_bytes(k)
        if pa.types.is_integer(ids.type):
            offsets = ids.to_numpy().astype(np.int64, copy=False)
            size = int(offsets.max()) + 1 if len(offsets) else 0
            by_id = np.zeros(size, dtype=raw.dtype if len(raw) else "S1")
            by_id[offsets] = raw
            id_lookup[kind] = None
        else:  # ids are the keys themselves: local id = row number
            by_id = raw
            id_lookup[kind] = ids
        order[kind] = np.argsort(by_id, kind="stable").astype(np.int32)
        keys[kind] = by_id[order[kind]]
        rank[kind] = np.empty(len(by_id), dtype=np.int32)
        rank[kind][order[kind]] = np.arange(len(by_id), dtype=np.int32)
        sizes.append(len(by_id))
    base = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    kind_no = {k: i for i, k in enumerate(node_kinds)}

    def local(kind: str, col: pa.ChunkedArray) -> np.ndarray:
        lookup = id_lookup[kind]
        if lookup is None:
            return col.to_numpy().astype(np.int64, copy=False)
        pos = pc.index_in(col, value_set=lookup)
        return pc.fill_null(pos, -1).to_numpy().astype(np.int64, copy=False)

    edge_kinds = tuple(EDGE_KINDS)
    kinds, srcs, dsts, sinces, untils, roles, values, eids = [], [], [], [], [], [], [], []
    for no, ek in enumerate(EDGE_KINDS.values()):
        value_prop = value_property(ek.properties)
        for src_kind, dst_kind in ek.pairs:
            tab = _read_arrow(store, f"topology/edges_{edge_slug(ek, src_kind, dst_kind)}")
            n = tab.num_rows
            if n == 0:
                continue
            names = tab.column_names
            s = local(src_kind, tab.column("src"))
            d = local(dst_kind, tab.column("dst"))
            ok = (s >= 0) & (d >= 0)  # an end missing from the node reads (written meanwhile)
            srcs.append((s + base[kind_no[src_kind]])[ok])
            dsts.append((d + base[kind_no[dst_kind]])[ok])
            sinces.append(_days(tab.column("since") if "since" in names else None, n, OPEN_START)[ok])
            untils.append(_days(tab.column("until") if "until" in names else None, n, OPEN_END)[ok])
            kinds.append(np.full(int(ok.sum()), no, dtype=np.uint8))
            role = tab.column("role") if "role" in names else pa.nulls(n, pa.string())
            roles.append(_flat(pc.fill_null(role, "")).filter(pa.array(ok)))
            if value_prop is not None:
                v = pc.cast(tab.column(value_prop), pa.float64()).to_numpy(zero_copy_only=False)
                values.append(np.asarray(v, dtype=np.float64)[ok])
            else:
                values.append(np.full(int(ok.sum()), np.nan))
            eids.append(_flat(pc.fill_null(tab.column("eid"), "")).filter(pa.array(ok)))
    n_nodes = int(base[-1])

    def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)

    # Roles are a small vocabulary: one byte per edge, 0 for none.
    all_roles = pa.chunked_array(roles, pa.string()) if roles else pa.chunked_array([], pa.string())
    encoded = pc.dictionary_encode(all_roles).combine_chunks()
    vocabulary = ["", *(v for v in encoded.dictionary.to_pylist() if v)]
    remap = np.array([vocabulary.index(v) for v in encoded.dictionary.to_pylist()] or [0], dtype=np.uint8)
    e_role = (
        remap[encoded.indices.to_numpy(zero_copy_only=False)] if len(all_roles) else np.zeros(0, np.uint8)
    )
    # Edge identities as one UTF-8 buffer with offsets (memory-mapped once persisted).
    eid_all = pa.chunked_array(eids, pa.string()).combine_chunks() if eids else pa.array([], pa.string())
    eid_all = pc.cast(eid_all, pa.large_string())
    eid_offsets = np.frombuffer(eid_all.buffers()[1], dtype=np.int64)[: len(eid_all) + 1].copy()
    eid_offsets -= eid_offsets[0] if len(eid_offsets) else 0
    data = eid_all.buffers()[2]
    start = int(np.frombuffer(eid_all.buffers()[1], dtype=np.int64)[0]) if len(eid_all) else 0
    eid_data = (
        np.frombuffer(data, dtype=np.uint8)[start : start + int(eid_offsets[-1])].copy()
        if data
        else np.zeros(0, np.uint8)
    )

    e_src, e_dst = cat(srcs, np.int32), cat(dsts, np.int32)
    out_edge = np.argsort(e_src, kind="stable").astype(np.int32)
    in_edge = np.argsort(e_dst, kind="stable").astype(np.int32)
    out_ptr = np.zeros(n_nodes + 1, dtype=np.int64)
    in_ptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(e_src, minlength=n_nodes), out=out_ptr[1:])
    np.cumsum(np.bincount(e_dst, minlength=n_nodes), out=in_ptr[1:])
    return TopologyIndex(
        node_kinds=node_kinds,
        edge_kinds=edge_kinds,
        keys=keys,
        order=order,
        rank=rank,
        base=base,
        e_kind=cat(kinds, np.uint8),
        e_src=e_src,
        e_dst=e_dst,
        e_since=cat(sinces, np.int32),
        e_until=cat(untils, np.int32),
        out_ptr=out_ptr,
        out_edge=out_edge,
        in_ptr=in_ptr,
        in_edge=in_edge,
        e_role=e_role,
        e_value=cat(values, np.float64),
        eid_offsets=eid_offsets,
        eid_data=eid_data,
        roles=tuple(vocabulary),
        stamp=stamp,
        build_seconds=time.perf_counter() - t0,
    )
