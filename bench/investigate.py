"""Benchmark: investigator queries on a loaded database, each beside the bare engine queries it rests on.

For every sampled call the investigate function runs once through a recording store (cold: the
subject's pages may not be cached yet), then the exact queries it issued (same texts, same
parameters) are replayed through `store.run_text`, one after another with nothing else done: the
engine floor; then the call runs again (warm). The ratio warm/floor says what the Python layer
(the topology index walk, hub logic, filtering, pydantic) adds to the engine work it rests on.

    python bench/investigate.py --db var/bench/load.lbug [--sample 100] [--hubs 10] [--topology-dir DIR]

First the topology index (graph_credit/topology) is built from scratch, saved and loaded, with its
build time, memory and size on disk. Then: the capped 2-hop neighbourhood (default caps) around
random enterprises and around the largest hubs (found by degree), shortest paths within 8 hops
between random enterprise pairs, and the name search (a CONTAINS scan: LadybugDB has no text index
offline). Neighbourhoods and paths are also run with the index switched off (the per-node engine
walk, `--engine-sample` calls) and, for paths, beside LadybugDB's own `* SHORTEST 1..8` on the same
pairs: what the index saves. Prints p50/p95/p99 ms. Targets on the city scale: capped 2-hop p99 <=
50 ms including hubs, shortest path p99 <= 100 ms. Without --db it builds the small synthetic data
set first (loaders.synthetic, scale "tiny").
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph_credit import investigate as inv  # noqa: E402
from graph_credit.errors import EngineError  # noqa: E402
from graph_credit.queries import registry  # noqa: E402
from graph_credit.store.embedded import EmbeddedStore  # noqa: E402


class Recording:
    """A store that notes every named query (its text for this engine and its parameters); the
    topology index is its wrapped store's (graph_credit.store.base.StoreWrapper)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.wrapped = store
        self.engine = store.engine
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()

    def read(self, query: str, /, **params: Any) -> list[dict[str, Any]]:
        with self._lock:
            self.calls.append((registry().get(query, self.engine).text, params))
        return self.store.read(query, **params)


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t0) * 1000, value


def _pct(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    s = sorted(values)

    def at(q: float) -> float:
        return round(s[min(len(s) - 1, round(q * (len(s) - 1)))], 2)

    return {
        "n": len(s),
        "p50": at(0.50),
        "p95": at(0.95),
        "p99": at(0.99),
        "max": round(s[-1], 2),
        "mean": round(statistics.fmean(s), 2),
    }


def measure(store: EmbeddedStore, calls: list[Callable[[Any], Any]]) -> dict[str, Any]:
    """Each call once through the recording store (cold: its pages may not be cached yet), its
    queries replayed bare, then the call again (warm). The ratio compares the two warm runs."""
    cold, bare, warm, queries, extra = [], [], [], [], []
    for call in calls:
        rec = Recording(store)
        ms, result = _ms(lambda: call(rec))  # noqa: B023
        cold.append(ms)
        queries.append(len(rec.calls))
        extra.append(result)
        t0 = time.perf_counter()
        for text, params in rec.calls:
            store.run_text(text, params)
        bare.append((time.perf_counter() - t0) * 1000)
        warm.append(_ms(lambda: call(store))[0])  # noqa: B023
    ratio = [w / b for w, b in zip(warm, bare, strict=True) if b > 0]
    w, b = _pct(warm), _pct(bare)
    return {
        "investigate_ms": _pct(cold),
        "investigate_warm_ms": w,
        "bare_engine_warm_ms": b,
        "ratio_warm_p50": round(statistics.median(ratio), 2) if ratio else None,
        "ratio_of_p99s": round(w["p99"] / b["p99"], 2) if b and b["p99"] > 0 else None,
        "queries_per_call": _pct([float(q) for q in queries]),
        "_results": extra,
    }


def engine_only(store: EmbeddedStore, calls: list[Callable[[Any], Any]]) -> dict[str, Any]:
    """The same calls with the topology index switched off: one engine query per node."""
    store.use_topology_index = False
    try:
        r = measure(store, calls)
    finally:
        store.use_topology_index = True
    r.pop("_results")
    return {k: r[k] for k in ("investigate_ms", "investigate_warm_ms", "queries_per_call")}


def _mb(n: float) -> float:
    return round(n / 1e6, 1)


def index_report(store: EmbeddedStore) -> dict[str, Any]:
    """Build the index from scratch, save it, load it back: time, memory and size on disk."""
    from graph_credit.topology import build_index, cache_path, drop_index, index_for
    from graph_credit.topology.cache import current_stamp, save

    t0 = time.perf_counter()
    index = build_index(store, current_stamp(store))
    build = time.perf_counter() - t0
    path = cache_path(store)
    save(index, path)
    drop_index(store)
    t0 = time.perf_counter()
    loaded = index_for(store)
    load = time.perf_counter() - t0
    assert loaded is not None and store._topology_holder.loaded_from_disk  # type: ignore[attr-defined]
    disk = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(f"{path.name}.*-*.npy"))
    return {
        "nodes": index.n_nodes,
        "edges": index.n_edges,
        "build_s": round(build, 2),
        "load_s": round(load, 3),
        "memory_mb": _mb(index.nbytes()),
        "strings_mb": _mb(index.string_bytes()),
        "disk_mb": _mb(disk),
        "peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024),
    }


SHORTEST = (
    "MATCH p = (a:Enterprise {uscc: $a})-[* SHORTEST 1..8]-(b:Enterprise {uscc: $b}) RETURN length(p) AS hops"
)


def native_shortest(store: EmbeddedStore, pairs: list[tuple[str, str]], timeout_ms: int) -> dict[str, Any]:
    """LadybugDB's own shortest path on the same pairs (no hub rule, no period): the bare engine answer."""
    conn = store._conn()
    conn.set_query_timeout(timeout_ms)
    times, interrupted = [], 0
    try:
        for a, b in pairs:
            t0 = time.perf_counter()
            try:
                store.run_text(SHORTEST, {"a": a, "b": b})
            except EngineError:  # interrupted at the time limit: a figure, not a failure
                interrupted += 1
            times.append((time.perf_counter() - t0) * 1000)
    finally:
        conn.set_query_timeout(store._timeout_ms)
    return {"ms": _pct(times), "interrupted_at_timeout": interrupted, "timeout_ms": timeout_ms}


def _sample_enterprises(store: EmbeddedStore, n: int, rng: random.Random) -> list[str]:
    keys = sorted(r["k"] for r in store.run_text("MATCH (e:Enterprise) RETURN e.uscc AS k"))
    return rng.sample(keys, min(n, len(keys)))


def connected_pairs(store: EmbeddedStore, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """Enterprise pairs known to be linked: the ends of random walks of 2-8 hops through nodes that
    are not hubs (at most FULL_FETCH_MAX edges), so that a path exists (random pairs of a city are
    mostly not linked at all within 8 hops)."""
    from graph_credit.topology import index_for

    index = index_for(store)
    assert index is not None
    lo, hi = int(index.base[0]), int(index.base[1])  # Enterprise is the first node kind
    everything = index.edge_mask(index.edge_kinds)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < n:
        start = rng.randrange(lo, hi)
        here, length = start, rng.randint(2, 8)
        for _ in range(length):
            _, far, _ = index.incident(here, edge_mask=everything)
            far = [int(f) for f in far if index.degree(int(f)) <= inv.FULL_FETCH_MAX]
            if not far:
                break
            here = rng.choice(far)
        if here != start and lo <= here < hi and index.degree(start) <= inv.FULL_FETCH_MAX:
            pairs.append((index.node(start)[1], index.node(here)[1]))
    return pairs


def _hubs(store: EmbeddedStore, k: int) -> list[tuple[str, str, int]]:
    """The k nodes (enterprises and persons) with the most edges of any kind."""
    rows = []
    for label, key in (("Enterprise", "uscc"), ("Person", "pkey")):
        rows += [
            (label, r["k"], int(r["d"]))
            for r in store.run_text(
                f"MATCH (n:{label})-[r]-() RETURN n.{key} AS k, count(r) AS d ORDER BY d DESC LIMIT {int(k)}"
            )
        ]
    return sorted(rows, key=lambda x: -x[2])[:k]


def _build_tiny(workdir: Path) -> Path:
    from loaders.load import load_bundle
    from loaders.synthetic import generate

    bundle, db = workdir / "bundle", workdir / "graph.lbug"
    generate("tiny", bundle)
    store = EmbeddedStore(db, buffer_pool_mb=1024)
    load_bundle(store, bundle, "bench-secret")
    store.close()
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="a loaded LadybugDB file (default: build the tiny synthetic set)")
    ap.add_argument("--sample", type=int, default=100, help="random enterprises and random pairs")
    ap.add_argument("--hubs", type=int, default=10, help="largest hubs added to the neighbourhood sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--buffer-pool-mb", type=int, default=2048)
    ap.add_argument("--json", action="store_true", help="print only the JSON summary")
    ap.add_argument(
        "--topology-dir", type=Path, help="where to keep the topology index (default: beside --db)"
    )
    ap.add_argument(
        "--engine-sample", type=int, default=20, help="calls run without the index, for comparison"
    )
    ap.add_argument(
        "--shortest-timeout-ms", type=int, default=10_000, help="time limit of the native SHORTEST"
    )
    args = ap.parse_args()

    db = args.db
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = _build_tiny(Path(tmp.name))
    store = EmbeddedStore(
        db, buffer_pool_mb=args.buffer_pool_mb, read_only=True, topology_dir=args.topology_dir
    )
    rng = random.Random(args.seed)
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))
    log("topology index: build, save, load ...")
    index = index_report(store)
    log(f"  {index}")
    os.sync()  # the index just written: let its write-back finish before anything is timed

    t0 = time.perf_counter()
    ents = _sample_enterprises(store, 2 * args.sample, rng)
    hubs = _hubs(store, args.hubs)
    log(
        f"sampled {len(ents)} enterprises and {len(hubs)} hubs in {time.perf_counter() - t0:.1f} s;"
        f" largest hub degrees: {[d for _, _, d in hubs]}"
    )
    for key in ents[:3] + [h[1] for h in hubs[:3]]:  # warm the buffer pool a little
        inv.neighbourhood(store, key)
    # What setup left behind (a million sampled keys, the index build's temporaries) is collected
    # now and kept out of later collections, so that a full collection does not land in a call.
    gc.collect()
    gc.freeze()

    report: dict[str, Any] = {
        "db": str(db),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "sample": args.sample,
        "hubs": [[k, key, d] for k, key, d in hubs],
        "topology_index": index,
    }
    k = args.engine_sample

    log("capped 2-hop neighbourhood, random enterprises ...")
    calls = [lambda s, key=key: inv.neighbourhood(s, key) for key in ents[: args.sample]]
    r = measure(store, calls)
    sizes = [len(n.nodes) for n in r.pop("_results")]
    report["neighbourhood_random"] = {**r, "nodes": _pct([float(x) for x in sizes])}
    report["neighbourhood_random"]["without_index"] = engine_only(store, calls[:k])

    log("capped 2-hop neighbourhood, largest hubs ...")
    calls = [lambda s, h=h: inv.neighbourhood(s, h[1], kind=h[0]) for h in hubs]
    r = measure(store, calls)
    sizes = [len(n.nodes) for n in r.pop("_results")]
    report["neighbourhood_hubs"] = {**r, "nodes": _pct([float(x) for x in sizes])}
    report["neighbourhood_hubs"]["without_index"] = engine_only(store, calls)

    log("shortest path within 8 hops, random pairs ...")
    pairs = list(zip(ents[: args.sample], ents[args.sample : 2 * args.sample], strict=False))
    calls = [lambda s, a=a, b=b: inv.shortest_path(s, a, b, max_hops=8) for a, b in pairs]
    r = measure(store, calls)
    results = r.pop("_results")
    log("  ... the same pairs without the index, and LadybugDB's own SHORTEST ...")
    native = native_shortest(store, pairs[:k], args.shortest_timeout_ms)
    mine = r["investigate_warm_ms"]
    report["shortest_path"] = {
        **r,
        "without_index": engine_only(store, calls[:k]),
        "ladybug_shortest": native,
        "ratio_p50_to_ladybug_shortest": round(mine["p50"] / native["ms"]["p50"], 3)
        if native["ms"]
        else None,
        "found": sum(1 for x in results if x.paths),
        "through_hub": sum(1 for x in results if x.paths and x.paths[0].through_hubs),
        "stopped_at_budget": sum(1 for x in results if any("budget" in n for n in x.notes)),
        "length": _pct([float(x.paths[0].length) for x in results if x.paths]),
        "nodes_expanded": _pct([float(x.nodes_expanded) for x in results]),
    }

    log("shortest path within 8 hops, connected pairs (random walks of 2-8 hops) ...")
    pairs = connected_pairs(store, args.sample, rng)
    calls = [lambda s, a=a, b=b: inv.shortest_path(s, a, b, max_hops=8) for a, b in pairs]
    r = measure(store, calls)
    results = r.pop("_results")
    native = native_shortest(store, pairs[:k], args.shortest_timeout_ms)
    mine = r["investigate_warm_ms"]
    report["shortest_path_connected"] = {
        **r,
        "without_index": engine_only(store, calls[:k]),
        "ladybug_shortest": native,
        "ratio_p50_to_ladybug_shortest": round(mine["p50"] / native["ms"]["p50"], 3)
        if native["ms"]
        else None,
        "found": sum(1 for x in results if x.paths),
        "through_hub": sum(1 for x in results if x.paths and x.paths[0].through_hubs),
        "stopped_at_budget": sum(1 for x in results if any("budget" in n for n in x.notes)),
        "length": _pct([float(x.paths[0].length) for x in results if x.paths]),
        "nodes_expanded": _pct([float(x.nodes_expanded) for x in results]),
    }

    log("name search (CONTAINS scan) ...")
    names = [
        r["n"] for r in store.run_text("MATCH (e:Enterprise {uscc: $k}) RETURN e.name AS n", {"k": ents[0]})
    ]
    probes = {
        "exact name": names[0] if names else "x",
        "two characters": (names[0] if names else "xx")[2:4],
        "absent": "不存在的名称片段",
    }
    report["search"] = {}
    for label, q in probes.items():
        r = measure(store, [lambda s, q=q: inv.search(s, q, kinds=["Enterprise"]) for _ in range(5)])
        hits = r.pop("_results")[0].hits
        report["search"][label] = {"q": q, "hits_first_page": len(hits), **r}
    r = measure(store, [lambda s, k=k: inv.search(s, k) for k in ents[:20]])
    r.pop("_results")
    report["search"]["uscc"] = r
    store.close()

    print(json.dumps(report, ensure_ascii=False, indent=2))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
