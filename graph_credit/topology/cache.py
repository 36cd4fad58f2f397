"""Keep one topology index per store, persisted beside the database, rebuilt when the graph changed.

Staleness check: the database's own files. LadybugDB writes its write-ahead log (and, at a
checkpoint, the main file) on every committed write, from any process, so the size and modification
time (ns) of the database file and its `.wal` change with every write: a write that went past the
store (another process, ad-hoc text) is seen by two `stat` calls. A write through the store says
what it did (graph_credit.topology.relevance): one that changes nothing the index holds (lifecycle
events, restrictions, tasks) moves the index's stamp on from the state before it to the state after
it (`note_write`), one that sets a record's status patches the index too, and only one that adds or
removes nodes or edges it holds (or changes an edge) bumps the store's topology generation, which
makes the index stale. A rebuild running meanwhile keeps a journal of those moves and patches and
replays it on the fresh index, so a stream of record changes never keeps the index from catching up.
LadybugDB sometimes touches the file when it opens after a read-write session; the price is a
rebuild (seconds at city scale), never a wrong answer.

A read-only store sees the database as it was when opened, whatever other processes write later, so
its index is keyed by the stamp taken at opening and never rebuilt during its life.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from graph_credit.store.base import TopologyHost, topology_host
from graph_credit.topology.build import build_index
from graph_credit.topology.index import TopologyIndex

FORMAT = 4  # bump when the arrays or their meaning change: older files are then rebuilt
_ARRAYS = (
    "base",
    "e_kind",
    "e_src",
    "e_dst",
    "e_since",
    "e_until",
    "out_ptr",
    "out_edge",
    "in_ptr",
    "in_edge",
    "e_role",
    "e_value",
    "eid_offsets",
    "n_status",
    "n_subkind",
    "label_offsets",
)


def file_stamp(path: Path) -> str:
    """Size and modification time of the database and its write-ahead log (or of a folder's files)."""
    paths = [path, path.with_name(path.name + ".wal")]
    if path.is_dir():
        paths = sorted(p for p in path.iterdir() if p.is_file())
    parts = []
    for p in paths:
        try:
            st = p.stat()
            parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
        except FileNotFoundError:
            parts.append(f"{p.name}:-")
    return f"v{FORMAT}|" + "|".join(parts)


def cache_path(store: TopologyHost) -> Path:
    folder = store.topology_dir or store.path.parent
    return folder / f"{store.path.name}.topology.npz"


def _strings_path(path: Path, what: str, token: str) -> Path:
    return path.with_name(f"{path.name}.{what}-{token}.npy")


_STRINGS = ("eid_data", "label_data")  # the large string buffers, in files of their own


def save(index: TopologyIndex, path: Path) -> None:
    """The arrays in one .npz and the large string buffers (edge identities, node labels) in .npy
    files of their own, named by a token the .npz records, so a reader never pairs the arrays of
    one build with the strings of another."""
    token = uuid.uuid4().hex
    meta = {
        "format": FORMAT,
        "stamp": index.stamp,
        "node_kinds": list(index.node_kinds),
        "edge_kinds": list(index.edge_kinds),
        "roles": list(index.roles),
        "statuses": list(index.statuses),
        "subkinds": list(index.subkinds),
        "eid_token": token,
        "build_seconds": index.build_seconds,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    for what in _STRINGS:
        np.save(_strings_path(path, what, token), np.asarray(getattr(index, what)))
    arrays = {name: getattr(index, name) for name in _ARRAYS}
    for kind in index.node_kinds:
        arrays[f"keys__{kind}"] = index.keys[kind]
        arrays[f"order__{kind}"] = index.order[kind]
        arrays[f"rank__{kind}"] = index.rank[kind]
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as fh:
        np.savez(fh, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays)
    os.replace(tmp, path)  # readers see the old file or the new one, never half of one
    keep = {_strings_path(path, what, token).name for what in _STRINGS}
    for old in path.parent.glob(f"{path.name}.*-*.npy"):
        if old.name not in keep:
            with contextlib.suppress(OSError):  # a reader may still map it: it goes when they close
                old.unlink()


def load(path: Path, stamp: str) -> TopologyIndex | None:
    """The persisted index if it was built from the database state `stamp`, else None."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode())
            if meta.get("format") != FORMAT or meta.get("stamp") != stamp:
                return None
            kinds = tuple(meta["node_kinds"])
            # Read into memory, not memory-mapped: a mapped page the kernel dropped under memory
            # pressure costs a disk read inside a question (a neighbourhood touches hundreds).
            strings = {w: np.load(_strings_path(path, w, meta["eid_token"])) for w in _STRINGS}
            return TopologyIndex(
                node_kinds=kinds,
                edge_kinds=tuple(meta["edge_kinds"]),
                keys={k: z[f"keys__{k}"] for k in kinds},
                order={k: z[f"order__{k}"] for k in kinds},
                rank={k: z[f"rank__{k}"] for k in kinds},
                roles=tuple(meta["roles"]),
                statuses=tuple(meta["statuses"]),
                subkinds=tuple(meta["subkinds"]),
                **strings,
                stamp=stamp,
                build_seconds=float(meta.get("build_seconds", 0.0)),
                **{name: z[name] for name in _ARRAYS},
            )
    except (OSError, ValueError, KeyError):
        return None


# A rebuild that took longer than this the last time runs in the background: until the fresh index
# is in place, questions are answered by per-node engine queries (right, only slower), so a write
# never makes a reader wait for a rebuild. A first build (nothing to fall back on but the engine
# either way) and small graphs are built at once.
BACKGROUND_AFTER_S = 1.0


#: A patch to the index: (node kind, key, field, value), field "status" or "subkind".
Patch = tuple[str, str, str, str | None]


class _Holder:
    def __init__(self) -> None:
        self.lock = threading.Lock()  # held by a load or build
        self.index: TopologyIndex | None = None
        self.generation = -1
        self.loaded_from_disk = False
        self.building: threading.Thread | None = None
        self.builds = 0  # loads and builds, for the health check
        # the stamp moves and patches of writes since a build began, replayed on what it builds
        self.journal_lock = threading.Lock()
        self.recording = False
        self.journal: list[tuple[str, str, list[Patch]]] = []


_HOLDERS_LOCK = threading.Lock()


def _holder(store: TopologyHost) -> _Holder:
    with _HOLDERS_LOCK:
        h = store.__dict__.get("_topology_holder")
        if h is None:
            h = store.__dict__["_topology_holder"] = _Holder()
        return h


def index_source(store: Any) -> TopologyHost | None:
    """The store an index can be kept for: a LadybugDB store with the index switched on, seen
    through a wrapper such as the screening's recording store."""
    return topology_host(store)


def current_stamp(store: TopologyHost) -> str:
    if store.read_only and store.opened_stamp:
        return str(store.opened_stamp)
    return file_stamp(store.path)


def _generation(store: TopologyHost) -> int:
    """The count of the store's writes that changed what the index holds."""
    return store.topology_generation


def _move(index: TopologyIndex, before: str, after: str, patches: list[Patch]) -> bool:
    """Carry the index over a write that changed nothing it holds but `patches`; False if it was
    of another state or a patch cannot be made (the index is then stale)."""
    if index.stamp != before:
        return False
    if not all(index.patch(*p) for p in patches):
        index.stamp = ""  # half patched: never fresh again
        return False
    index.stamp = after
    return True


def note_write(store: Any, before: str, after: str, patches: list[Patch]) -> bool:
    """Called by the store, inside its write lock, after a committed write that added or removed
    nothing the index holds: the database went from file stamp `before` to `after`, and `patches`
    are the node fields it changed. False: the index in memory could not follow (the caller then
    makes it stale)."""
    src = index_source(store)
    if src is None:
        return True
    h = _holder(src)
    with h.journal_lock:
        if h.recording:
            h.journal.append((before, after, patches))
        index = h.index
        if index is None or h.generation != _generation(src):
            return True  # nothing fresh to keep: the next use loads or builds from the database
        if index.stamp != before:
            return True  # already stale (a write that went past the store): it is rebuilt anyway
        return _move(index, before, after, patches)


def _fresh(h: _Holder, stamp: str, generation: int) -> TopologyIndex | None:
    index = h.index
    if index is not None and index.stamp == stamp and h.generation == generation:
        return index
    return None


def _settled(src: TopologyHost, h: _Holder) -> TopologyIndex | None:
    """The fresh index, if there is one. A write through the store changes the files before it
    carries the index over to them: a stamp that differs is checked again once the write is done."""
    index = _fresh(h, current_stamp(src), _generation(src))
    if index is None and h.index is not None:
        with src.write_lock:
            index = _fresh(h, current_stamp(src), _generation(src))
    return index


def _refresh(src: TopologyHost, h: _Holder) -> TopologyIndex:
    """Load the persisted index if it is of this state, else build and save it (under the lock)."""
    with h.lock:
        generation = _generation(src)
        stamp = current_stamp(src)
        index = _fresh(h, stamp, generation)
        if index is not None:
            return index
        with h.journal_lock:
            h.recording, h.journal = True, []
        try:
            stamp = current_stamp(src)  # after the journal opened: every later write is in it
            path = cache_path(src)
            index = load(path, stamp)
            h.loaded_from_disk = index is not None
            built = index is None
            if index is None:
                index = build_index(src, stamp)
            h.builds += 1
        except BaseException:
            with h.journal_lock:
                h.recording, h.journal = False, []
            raise
        with h.journal_lock:
            # Writes during the build that touched nothing it holds (or only patchable fields) carry
            # it on to the state after them; a write that changed the topology bumped the generation.
            for before, after, patches in h.journal:
                _move(index, before, after, patches)
            h.recording, h.journal = False, []
            h.index, h.generation = index, generation
        # Persist only what is known to be consistent with the files as they are now.
        if built and index.stamp == current_stamp(src) and _generation(src) == generation:
            with contextlib.suppress(OSError):  # a read-only folder: the index lives in memory only
                save(index, path)
        return index


def index_for(store: Any, *, wait: bool | None = None) -> TopologyIndex | None:
    """The store's topology index, fresh for the database state the store sees (loaded from the
    persisted file or built and saved); None where no index is kept (Neo4j, switched off) and
    while a slow rebuild runs in the background (`wait=None`: see BACKGROUND_AFTER_S; `wait=True`
    always waits for it, `wait=False` never does)."""
    src = index_source(store)
    if src is None:
        return None
    h = _holder(src)
    index = _settled(src, h)
    if index is not None:
        return index
    previous = h.index
    slow = previous is not None and previous.build_seconds > BACKGROUND_AFTER_S
    if wait is False or (wait is None and slow):
        with _HOLDERS_LOCK:
            if h.building is None or not h.building.is_alive():
                h.building = threading.Thread(
                    target=_refresh, args=(src, h), name="topology-index", daemon=True
                )
                h.building.start()
        return None
    return _refresh(src, h)


def ready_index(store: Any) -> TopologyIndex | None:
    """The store's index if it is in memory and fresh now; None otherwise, without loading or
    building one (for a caller with an engine way of its own, such as a credit check)."""
    src = index_source(store)
    if src is None:
        return None
    h = _holder(src)
    return _settled(src, h) if h.index is not None else None


def index_state(store: Any) -> tuple[str, int]:
    """How the store's index stands, without loading or building it: (off | none | fresh | stale |
    building, how many times it was loaded or built)."""
    src = index_source(store)
    if src is None:
        return "off", 0
    h = _holder(src)
    if h.building is not None and h.building.is_alive():
        return "building", h.builds
    if h.index is None:
        return "none", h.builds
    return ("fresh" if _settled(src, h) is not None else "stale"), h.builds


def drop_index(store: Any) -> None:
    """Forget the in-memory index (the persisted file stays, checked by its stamp on next use)."""
    src = index_source(store)
    if src is not None:
        h = _holder(src)
        with h.lock:
            h.index = None
