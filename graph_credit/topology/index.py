"""The read-side topology index: every node as a dense integer, every edge in CSR form both ways.

What it holds (numpy arrays, nothing per node or edge in Python objects):

- per node kind, the business keys sorted (`keys[kind]`, UTF-8 bytes, so a key is found by binary
  search), the local id at each sorted position (`order[kind]`) and the sorted position of each
  local id (`rank[kind]`); a node's global id is its kind's `base` plus its local id;
- per edge: its kind (index into `edge_kinds`), both ends (global ids), and its period as day
  numbers (`since`/`until`, open ends as the int32 extremes), so edge-kind and `as_of` filters run
  in the index;
- per edge, the properties an answer shows: its role (a byte into the `roles` vocabulary), its
  share or amount (`e_value`: `ratio` for HOLDS, `amount` for GUARANTEES) and its identity (`eid`,
  UTF-8 in one buffer with offsets);
- per node, the fields an answer shows (investigate.NodeRef): status and subkind as bytes into small
  vocabularies, name and masked ID as UTF-8 in one buffer with offsets;
- `out_ptr`/`out_edge` and `in_ptr`/`in_edge`: a node's outgoing and incoming edges.

Everything else about a node or an edge stays in the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

OPEN_START = np.iinfo(np.int32).min
OPEN_END = np.iinfo(np.int32).max
_EPOCH = dt.date(1970, 1, 1)


def value_property(properties: Mapping[str, object]) -> str | None:
    """The numeric edge property the index keeps in `e_value`: the share, or else the amount."""
    return next((p for p in ("ratio", "amount") if p in properties), None)


def day_number(d: dt.date | None, default: int) -> int:
    return default if d is None else (d - _EPOCH).days


@dataclass
class TopologyIndex:
    node_kinds: tuple[str, ...]
    edge_kinds: tuple[str, ...]
    keys: dict[str, np.ndarray]  # kind -> sorted bytes keys (b"" for local ids not in use)
    order: dict[str, np.ndarray]  # kind -> int32 local id at each sorted position
    rank: dict[str, np.ndarray]  # kind -> int32 sorted position of each local id
    base: np.ndarray  # int64, len(node_kinds) + 1: global id ranges per kind
    e_kind: np.ndarray  # uint8
    e_src: np.ndarray  # int32 global ids
    e_dst: np.ndarray
    e_since: np.ndarray  # int32 day numbers
    e_until: np.ndarray
    out_ptr: np.ndarray  # int64, n_nodes + 1
    out_edge: np.ndarray  # int32 edge numbers, grouped by source
    in_ptr: np.ndarray
    in_edge: np.ndarray
    e_role: np.ndarray  # uint8 into roles
    e_value: np.ndarray  # float64, NaN where none
    eid_offsets: np.ndarray  # int64, n_edges + 1
    eid_data: np.ndarray  # uint8
    roles: tuple[str, ...] = ("",)
    n_status: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))  # uint8 into statuses
    statuses: tuple[str, ...] = ("",)
    n_subkind: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))  # uint8 into subkinds
    subkinds: tuple[str, ...] = ("",)
    label_offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))  # n_nodes + 1
    label_data: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint8))
    stamp: str = ""  # the database state it was built from (graph_credit.topology.cache)
    build_seconds: float = 0.0
    _kind_no: dict[str, int] = field(default_factory=dict, repr=False)
    _edge_no: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._kind_no = {k: i for i, k in enumerate(self.node_kinds)}
        self._edge_no = {k: i for i, k in enumerate(self.edge_kinds)}

    # sizes -------------------------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        return int(self.base[-1])

    @property
    def n_edges(self) -> int:
        return len(self.e_kind)

    def nbytes(self) -> int:
        """Everything the index holds in memory, string buffers included."""
        arrays = [
            *self.keys.values(),
            *self.order.values(),
            *self.rank.values(),
            self.base,
            self.e_kind,
            self.e_src,
            self.e_dst,
        ]
        arrays += [self.e_since, self.e_until, self.out_ptr, self.out_edge, self.in_ptr, self.in_edge]
        arrays += [
            self.e_role,
            self.e_value,
            self.eid_offsets,
            self.n_status,
            self.n_subkind,
            self.label_offsets,
            self.eid_data,
            self.label_data,
        ]
        return sum(a.nbytes for a in arrays)

    def string_bytes(self) -> int:
        """The size of the string buffers: edge identities and node labels."""
        return int(self.eid_data.nbytes + self.label_data.nbytes)

    def display(self, gid: int) -> tuple[str | None, str | None, str | None, str | None]:
        """A node's display fields: (name, status, subkind, masked ID), None where it has none."""
        a, b = int(self.label_offsets[gid]), int(self.label_offsets[gid + 1])
        name, _, masked = bytes(self.label_data[a:b]).decode("utf-8").partition("\x1f")
        status = self.statuses[int(self.n_status[gid])] if len(self.n_status) else ""
        subkind = self.subkinds[int(self.n_subkind[gid])] if len(self.n_subkind) else ""
        return name or None, status or None, subkind or None, masked or None

    def patch(self, kind: str, key: str, field: str, value: str | None) -> bool:
        """Set a node's status or subkind (a write changed it): False if the index has no such
        node or the vocabulary is full. Readers never see a code without its word: the word is
        added first, and an array that is not writable is copied and swapped in whole."""
        gid = self.gid(kind, key)
        codes_name, words_name = ("n_status", "statuses") if field == "status" else ("n_subkind", "subkinds")
        codes: np.ndarray = getattr(self, codes_name)
        words: tuple[str, ...] = getattr(self, words_name)
        if gid is None or gid >= len(codes):
            return False
        word = value or ""
        if word not in words:
            if len(words) >= 255:
                return False
            words = (*words, word)
            setattr(self, words_name, words)
        code = words.index(word)
        if codes.flags.writeable:
            codes[gid] = code
        else:  # read from a file: read-only memory
            fresh = codes.copy()
            fresh[gid] = code
            setattr(self, codes_name, fresh)
        return True

    # nodes -------------------------------------------------------------------------------
    def gid(self, kind: str, key: str) -> int | None:
        """The global id of a node by kind and business key, or None if the index has no such node."""
        k = self._kind_no.get(kind)
        if k is None:
            return None
        keys, order = self.keys[kind], self.order[kind]
        if len(order) == 0:
            return None
        want = key.encode("utf-8")
        if len(want) > keys.dtype.itemsize:
            return None
        pos = int(np.searchsorted(keys, want))
        if pos < len(keys) and keys[pos] == want:
            return int(self.base[k]) + int(order[pos])
        return None

    def kind_of(self, gid: int) -> str:
        return self.node_kinds[int(np.searchsorted(self.base, gid, side="right")) - 1]

    def node(self, gid: int) -> tuple[str, str]:
        k = int(np.searchsorted(self.base, gid, side="right")) - 1
        kind = self.node_kinds[k]
        return kind, self.keys[kind][self.rank[kind][gid - int(self.base[k])]].decode("utf-8")

    def nodes(self, gids: np.ndarray) -> list[tuple[str, str]]:
        ks = np.searchsorted(self.base, gids, side="right") - 1
        out = []
        for g, k in zip(gids.tolist(), ks.tolist(), strict=True):
            kind = self.node_kinds[k]
            out.append((kind, self.keys[kind][self.rank[kind][g - int(self.base[k])]].decode("utf-8")))
        return out

    def degree(self, gid: int) -> int:
        """Every edge touching the node, of any kind and period (the hub test)."""
        return int(self.out_ptr[gid + 1] - self.out_ptr[gid] + self.in_ptr[gid + 1] - self.in_ptr[gid])

    def degrees(self, gids: np.ndarray) -> np.ndarray:
        return (self.out_ptr[gids + 1] - self.out_ptr[gids]) + (self.in_ptr[gids + 1] - self.in_ptr[gids])

    # edges -------------------------------------------------------------------------------
    def edge_mask(self, edge_kinds: Sequence[str]) -> np.ndarray:
        """A boolean per edge kind number: which kinds to follow."""
        mask = np.zeros(len(self.edge_kinds), dtype=bool)
        for k in edge_kinds:
            if k in self._edge_no:
                mask[self._edge_no[k]] = True
        return mask

    def kind_mask(self, node_kinds: Sequence[str]) -> np.ndarray:
        mask = np.zeros(len(self.node_kinds), dtype=bool)
        for k in node_kinds:
            if k in self._kind_no:
                mask[self._kind_no[k]] = True
        return mask

    def incident(
        self,
        gid: int,
        *,
        edge_mask: np.ndarray,
        kind_mask: np.ndarray | None = None,
        direction: str | None = None,
        valid_from: int = OPEN_START,
        valid_to: int = OPEN_END,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The node's matching edges: (edge numbers, far ends, outgoing flags), outgoing first.

        An edge matches when its kind is in `edge_mask`, its far end's kind in `kind_mask`, it runs
        in `direction` ("out", "in" or None for both) and is in force on some day of
        [valid_from, valid_to] (day numbers)."""
        parts_e, parts_far, parts_out = [], [], []
        if direction in (None, "out"):
            e = self.out_edge[self.out_ptr[gid] : self.out_ptr[gid + 1]]
            parts_e.append(e)
            parts_far.append(self.e_dst[e])
            parts_out.append(np.ones(len(e), dtype=bool))
        if direction in (None, "in"):
            e = self.in_edge[self.in_ptr[gid] : self.in_ptr[gid + 1]]
            parts_e.append(e)
            parts_far.append(self.e_src[e])
            parts_out.append(np.zeros(len(e), dtype=bool))
        edges = np.concatenate(parts_e) if len(parts_e) > 1 else parts_e[0]
        far = np.concatenate(parts_far) if len(parts_far) > 1 else parts_far[0]
        out = np.concatenate(parts_out) if len(parts_out) > 1 else parts_out[0]
        keep = edge_mask[self.e_kind[edges]]
        if valid_from != OPEN_START or valid_to != OPEN_END:
            keep &= (self.e_since[edges] <= valid_to) & (self.e_until[edges] >= valid_from)
        if kind_mask is not None and not kind_mask.all():
            ks = np.searchsorted(self.base, far, side="right") - 1
            keep &= kind_mask[ks]
        return edges[keep], far[keep], out[keep]

    def incident_many(
        self,
        gids: np.ndarray,
        *,
        edge_mask: np.ndarray,
        kind_mask: np.ndarray | None = None,
        direction: str | None = None,
        valid_from: int = OPEN_START,
        valid_to: int = OPEN_END,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`incident` for many nodes at once: (owner positions into `gids`, edge numbers, far ends,
        outgoing flags), grouped by owner in the order of `gids`, each owner's outgoing edges first."""
        owners, parts_e, parts_far, parts_out = [], [], [], []
        for want, ptr, edge_of, other in (
            ("out", self.out_ptr, self.out_edge, self.e_dst),
            ("in", self.in_ptr, self.in_edge, self.e_src),
        ):
            if direction not in (None, want):
                continue
            starts, ends = ptr[gids], ptr[gids + 1]
            lens = ends - starts
            total = int(lens.sum())
            first = np.cumsum(lens) - lens
            pos = np.repeat(starts - first, lens) + np.arange(total)
            e = edge_of[pos]
            owners.append(np.repeat(np.arange(len(gids)), lens))
            parts_e.append(e)
            parts_far.append(other[e])
            parts_out.append(np.full(total, want == "out"))
        owner = np.concatenate(owners)
        edges = np.concatenate(parts_e)
        far = np.concatenate(parts_far)
        out = np.concatenate(parts_out)
        keep = edge_mask[self.e_kind[edges]]
        if valid_from != OPEN_START or valid_to != OPEN_END:
            keep &= (self.e_since[edges] <= valid_to) & (self.e_until[edges] >= valid_from)
        if kind_mask is not None and not kind_mask.all():
            keep &= kind_mask[np.searchsorted(self.base, far, side="right") - 1]
        owner, edges, far, out = owner[keep], edges[keep], far[keep], out[keep]
        order = np.argsort(owner, kind="stable")
        return owner[order], edges[order], far[order], out[order]

    def edge_period(self, e: int) -> tuple[dt.date | None, dt.date | None]:
        s, u = int(self.e_since[e]), int(self.e_until[e])
        since = None if s == OPEN_START else _EPOCH + dt.timedelta(days=s)
        until = None if u == OPEN_END else _EPOCH + dt.timedelta(days=u)
        return since, until

    def eid(self, e: int) -> str | None:
        a, b = int(self.eid_offsets[e]), int(self.eid_offsets[e + 1])
        return bytes(self.eid_data[a:b]).decode("utf-8") if b > a else None

    def role(self, e: int) -> str | None:
        return self.roles[int(self.e_role[e])] or None

    def value(self, e: int) -> float | None:
        v = float(self.e_value[e])
        return None if v != v else v  # NaN: none
