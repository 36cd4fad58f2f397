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
from graph_credit.schema import topology_edges_query_name, topology_nodes_query_name
from graph_credit.topology.index import OPEN_END, OPEN_START, TopologyIndex, value_property


def _read_arrow(store: Any, name: str) -> pa.Table:
    reader = getattr(store, "read_arrow", None)  # a store that answers in rows only still builds
    if reader is not None:
        return reader(name)
    return pa.Table.from_pylist(store.read(name))


def _key_bytes(keys: pa.Array) -> np.ndarray:
    """Business keys as a fixed-width bytes array (UTF-8), the form binary search works on."""
    if len(keys) == 0:
        return np.zeros(0, dtype="S1")
    as_bytes = pc.cast(pc.fill_null(keys, ""), pa.binary()).to_numpy(zero_copy_only=False)
    return as_bytes.astype("S")


def _codes(parts: list[pa.Array]) -> tuple[np.ndarray, tuple[str, ...]]:
    """A small vocabulary of strings as one byte per row (0: none) and the vocabulary."""
    if not parts or sum(len(p) for p in parts) == 0:
        return np.zeros(0, np.uint8), ("",)
    encoded = pc.dictionary_encode(pa.chunked_array(parts, pa.string()).combine_chunks())
    values = encoded.dictionary.to_pylist()
    vocabulary = ["", *sorted({v for v in values if v})]
    if len(vocabulary) > 255:
        raise ValueError(f"more than 255 distinct values ({len(vocabulary)}) for a one-byte code")
    remap = np.array([vocabulary.index(v) if v else 0 for v in values] or [0], dtype=np.uint8)
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    return np.where(indices >= 0, remap[np.maximum(indices, 0)], 0).astype(np.uint8), tuple(vocabulary)


def _buffer(parts: list[pa.Array]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 buffer with int64 offsets."""
    joined = pa.chunked_array(parts, pa.string()).combine_chunks() if parts else pa.array([], pa.string())
    joined = pc.cast(pc.fill_null(joined, ""), pa.large_string())
    if len(joined) == 0:
        return np.zeros(1, np.int64), np.zeros(0, np.uint8)
    raw_offsets = np.frombuffer(joined.buffers()[1], dtype=np.int64)[
        joined.offset : joined.offset + len(joined) + 1
    ]
    start, end = int(raw_offsets[0]), int(raw_offsets[-1])
    data = joined.buffers()[2]
    body = (
        np.frombuffer(data, dtype=np.uint8)[start:end].copy() if data is not None else np.zeros(0, np.uint8)
    )
    return (raw_offsets - start).astype(np.int64), body


def _label(tab: pa.Table, rows: pa.Array) -> pa.Array:
    """A node's name and masked ID as one string, `name<US>id_masked`, by local id."""
    parts = []
    for field in ("name", "id_masked"):
        col = tab.column(field) if field in tab.column_names else None
        taken = (
            pc.take(_flat(col), rows).cast(pa.string())
            if col is not None
            else pa.nulls(len(rows), pa.string())
        )
        parts.append(pc.fill_null(taken, ""))
    return pc.binary_join_element_wise(parts[0], parts[1], "\x1f")


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
    shown: dict[str, list[pa.Array]] = {"label": [], "status": [], "subkind": []}
    for kind in node_kinds:
        tab = _read_arrow(store, topology_nodes_query_name(NODE_KINDS[kind]))
        ids = tab.column("id").combine_chunks() if tab.num_rows else pa.array([], pa.int64())
        k = tab.column("key").combine_chunks() if tab.num_rows else pa.array([], pa.string())
        raw = _key_bytes(k)
        if pa.types.is_integer(ids.type):
            offsets = ids.to_numpy().astype(np.int64, copy=False)
            size = int(offsets.max()) + 1 if len(offsets) else 0
            by_id = np.zeros(size, dtype=raw.dtype if len(raw) else "S1")
            by_id[offsets] = raw
            id_lookup[kind] = None
            row_of = np.full(size, -1, dtype=np.int64)
            row_of[offsets] = np.arange(len(offsets))
            rows = pa.array(row_of, mask=row_of < 0)  # unused offsets take nulls
        else:  # ids are the keys themselves: local id = row number
            by_id = raw
            id_lookup[kind] = ids
            rows = pa.array(np.arange(len(raw)))
        shown["label"].append(_label(tab, rows))
        for field in ("status", "subkind"):
            col = tab.column(field) if field in tab.column_names else None
            shown[field].append(
                pc.take(_flat(col), rows).cast(pa.string())
                if col is not None
                else pa.nulls(len(rows), pa.string())
            )
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
            tab = _read_arrow(store, topology_edges_query_name(ek, src_kind, dst_kind))
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

    e_role, vocabulary = _codes(roles)
    eid_offsets, eid_data = _buffer(eids)

    n_status, statuses = _codes(shown["status"])
    n_subkind, subkinds = _codes(shown["subkind"])
    label_offsets, label_data = _buffer(shown["label"])

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
        roles=vocabulary,
        n_status=n_status,
        statuses=statuses,
        n_subkind=n_subkind,
        subkinds=subkinds,
        label_offsets=label_offsets,
        label_data=label_data,
        stamp=stamp,
        build_seconds=time.perf_counter() - t0,
    )
