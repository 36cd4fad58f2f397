"""Benchmark: investigator queries on a loaded database, each beside the bare engine queries it rests on.

For every sampled call the investigate function runs once through a recording store (cold: the
subject's pages may not be cached yet), then the exact queries it issued (same texts, same
parameters) are replayed through `store.run_text`, one after another with nothing else done: the
engine floor; then the call runs again (warm). The ratio warm/floor says what the Python layer
(hub logic, filtering, merging, pydantic) adds.

    python bench/investigate.py --db var/demo/graph-demo.lbug [--sample 100] [--hubs 10]

Measures the capped 2-hop neighbourhood (default caps) around random enterprises and around the
largest hubs (found by degree), shortest paths within 8 hops between random enterprise pairs, and
the name search (a CONTAINS scan: LadybugDB has no text index offline). Prints p50/p95/p99 ms.
Targets on the city scale: capped 2-hop p99 <= 50 ms including hubs, shortest path p99 <= 100 ms.
Without --db it builds the small synthetic data set first (loaders.synthetic, scale "tiny").
"""

from __future__ import annotations

import argparse
import json
import random
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
from graph_credit.queries import registry  # noqa: E402
from graph_credit.store.embedded import EmbeddedStore  # noqa: E402


class Recording:
    @property
    def topology_source(self):
        return self.store

    """A store that notes every named query (its text for this engine and its parameters)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
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
    return {
        "investigate_ms": _pct(cold),
        "investigate_warm_ms": _pct(warm),
        "bare_engine_warm_ms": _pct(bare),
        "ratio_warm_p50": round(statistics.median(ratio), 2) if ratio else None,
        "queries_per_call": _pct([float(q) for q in queries]),
        "_results": extra,
    }


def _sample_enterprises(store: EmbeddedStore, n: int, rng: random.Random) -> list[str]:
    keys = [r["k"] for r in store.run_text("MATCH (e:Enterprise) RETURN e.uscc AS k")]
    return rng.sample(keys, min(n, len(keys)))


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
    args = ap.parse_args()

    db = args.db
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = _build_tiny(Path(tmp.name))
    store = EmbeddedStore(db, buffer_pool_mb=args.buffer_pool_mb, read_only=True)
    rng = random.Random(args.seed)
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))

    t0 = time.perf_counter()
    ents = _sample_enterprises(store, 2 * args.sample, rng)
    hubs = _hubs(store, args.hubs)
    log(
        f"sampled {len(ents)} enterprises and {len(hubs)} hubs in {time.perf_counter() - t0:.1f} s;"
        f" largest hub degrees: {[d for _, _, d in hubs]}"
    )
    for key in ents[:3] + [h[1] for h in hubs[:3]]:  # warm the buffer pool a little
        inv.neighbourhood(store, key)

    report: dict[str, Any] = {
        "db": str(db),
        "sample": args.sample,
        "hubs": [[k, key, d] for k, key, d in hubs],
    }

    log("capped 2-hop neighbourhood, random enterprises ...")
    r = measure(store, [lambda s, k=k: inv.neighbourhood(s, k) for k in ents[: args.sample]])
    sizes = [len(n.nodes) for n in r.pop("_results")]
    report["neighbourhood_random"] = {**r, "nodes": _pct([float(x) for x in sizes])}

    log("capped 2-hop neighbourhood, largest hubs ...")
    r = measure(store, [lambda s, h=h: inv.neighbourhood(s, h[1], kind=h[0]) for h in hubs])
    sizes = [len(n.nodes) for n in r.pop("_results")]
    report["neighbourhood_hubs"] = {**r, "nodes": _pct([float(x) for x in sizes])}

    log("shortest path within 8 hops, random pairs ...")
    pairs = list(zip(ents[: args.sample], ents[args.sample : 2 * args.sample], strict=False))
    r = measure(store, [lambda s, a=a, b=b: inv.shortest_path(s, a, b, max_hops=8) for a, b in pairs])
    results = r.pop("_results")
    report["shortest_path"] = {
        **r,
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
