"""Benchmark: the same bundle in both engines, the same questions on both, in one run.

Loads one CSV bundle into a new LadybugDB file and into a Neo4j 5 server (its database is emptied
first), then asks both the same questions on the same sampled subjects and prints, per question,
p50 and p99 in milliseconds on each engine and their ratio (Neo4j over LadybugDB). Each question
is asked once untimed on every subject first (warm caches on both sides); the timed rounds then
alternate the engines subject by subject, so a drift of the machine's speed falls on both.

    python bench/engines.py --bundle var/demo/bundle --neo4j-uri bolt://127.0.0.1:7687 [--sample 200]

Without --neo4j-uri it uses NEO4J_URI, else starts the project's local Neo4j (scripts/neo4j.sh)
in a folder of its own and stops it at the end. `--json FILE` writes the figures as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph_credit import investigate as inv  # noqa: E402
from graph_credit import ownership as own  # noqa: E402
from graph_credit.punishment import rebuild_restrictions, restrictions  # noqa: E402
from graph_credit.screening import screen, screen_batch  # noqa: E402
from graph_credit.settings import DEV_SECRET  # noqa: E402
from graph_credit.store.base import GraphStore  # noqa: E402
from graph_credit.store.embedded import EmbeddedStore  # noqa: E402
from graph_credit.store.neo4j import Neo4jStore  # noqa: E402
from loaders.load import load_bundle  # noqa: E402

Question = Callable[[GraphStore, Any], Any]


def _neo4j(uri: str | None) -> tuple[str, Callable[[], None]]:
    if uri:
        return uri, lambda: None
    if os.environ.get("NEO4J_URI"):
        return os.environ["NEO4J_URI"], lambda: None
    env = {**os.environ, "NEO4J_LOCAL_DIR": "var/neo4j/bench"}
    script = str(ROOT / "scripts" / "neo4j.sh")
    started = subprocess.run(["bash", script, "start"], env=env, capture_output=True, text=True, check=True)
    return started.stdout.strip(), lambda: subprocess.run(["bash", script, "stop"], env=env, check=False)


def _load(store: GraphStore, bundle: Path) -> float:
    t0 = time.perf_counter()
    report = load_bundle(store, bundle, DEV_SECRET)
    seconds = time.perf_counter() - t0
    print(
        f"  {store.engine}: loaded in {seconds:.1f} s, {report.total_rejected} rows rejected", file=sys.stderr
    )
    return seconds


def _sample(store: GraphStore, n: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """Held enterprises (ownership has a chain to walk), the busiest holders (hubs) and persons."""
    held = sorted(
        r["k"] for r in store.run_text("MATCH (h)-[:HOLDS]->(e:Enterprise) RETURN DISTINCT e.uscc AS k")
    )  # type: ignore[attr-defined]
    hubs = [
        r["k"]
        for r in store.run_text(  # type: ignore[attr-defined]
            "MATCH (e:Enterprise)-[r:HOLDS]->() RETURN e.uscc AS k, count(r) AS n ORDER BY n DESC, k LIMIT 10"
        )
    ]
    persons = sorted(
        r["k"] for r in store.run_text("MATCH (p:Person)-[:LEGAL_REP_OF]->() RETURN DISTINCT p.pkey AS k")
    )  # type: ignore[attr-defined]
    rng = random.Random(seed)
    return rng.sample(held, min(n, len(held))), hubs, rng.sample(persons, min(n, len(persons)))


def _pct(values: list[float]) -> tuple[float, float]:
    a = np.asarray(values)
    return float(np.percentile(a, 50)), float(np.percentile(a, 99))


def _time(stores: dict[str, GraphStore], ask: Question, subjects: list[Any]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {name: [] for name in stores}
    for s in stores.values():
        for subject in subjects:
            ask(s, subject)
    for i, subject in enumerate(subjects):
        order = list(stores.items()) if i % 2 == 0 else list(reversed(stores.items()))
        for name, s in order:
            t0 = time.perf_counter()
            ask(s, subject)
            out[name].append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, required=True, help="a CSV bundle (graph-credit generate)")
    ap.add_argument("--neo4j-uri", default=None)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--as-of", default="2026-11-01")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    day = dt.date.fromisoformat(args.as_of)
    uri, stop = _neo4j(args.neo4j_uri)
    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    try:
        lbug = EmbeddedStore(work / "graph.lbug", buffer_pool_mb=2048)
        neo = Neo4jStore(uri, "neo4j", "", database="neo4j")
        neo.write("admin/wipe")
        stores: dict[str, GraphStore] = {"ladybug": lbug, "neo4j": neo}
        print("loading", file=sys.stderr)
        loads = {name: _load(s, args.bundle) for name, s in stores.items()}
        held, hubs, persons = _sample(lbug, args.sample, args.seed)
        rng = random.Random(args.seed)
        pairs = [(rng.choice(held), rng.choice(held)) for _ in range(min(50, len(held)))]
        questions: list[tuple[str, Question, list[Any]]] = [
            ("actual controller", lambda s, k: own.actual_controller(s, k, as_of=day), held),
            ("beneficial owners", lambda s, k: own.beneficial_owners(s, k, as_of=day), held),
            ("neighbourhood, 2 hops", lambda s, k: inv.neighbourhood(s, k, hops=2, as_of=day), held[:100]),
            ("neighbourhood of a hub", lambda s, k: inv.neighbourhood(s, k, hops=2, as_of=day), hubs),
            ("shortest path", lambda s, p: inv.shortest_path(s, p[0], p[1], max_hops=6, as_of=day), pairs),
            ("restrictions of a person", lambda s, k: restrictions(s, k, day), persons[:100]),
            ("one screening", lambda s, k: screen(s, k, as_of=day), held[:100]),
        ]
        rows: list[dict[str, Any]] = []
        for name, ask, subjects in questions:
            print(f"timing {name} ({len(subjects)} subjects)", file=sys.stderr)
            times = _time(stores, ask, subjects)
            row: dict[str, Any] = {"question": name, "n": len(subjects)}
            for engine, values in times.items():
                row[f"{engine}_p50"], row[f"{engine}_p99"] = _pct(values)
            rows.append(row)
        batch = held[:200]
        for engine, s in stores.items():
            t0 = time.perf_counter()
            screen_batch(s, batch, as_of=day, workers=1)
            rate = len(batch) / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            rebuild_restrictions(s, on=day)
            rebuild = time.perf_counter() - t0
            loads[f"{engine}_batch_per_s"] = rate
            loads[f"{engine}_rebuild_s"] = rebuild
        print(
            f"\n{'question':<28}{'n':>5}  {'ladybug p50/p99 ms':>20}  {'neo4j p50/p99 ms':>18}  {'ratio p50/p99':>14}"
        )
        for r in rows:
            ratio = (r["neo4j_p50"] / r["ladybug_p50"], r["neo4j_p99"] / r["ladybug_p99"])
            print(
                f"{r['question']:<28}{r['n']:>5}  {r['ladybug_p50']:>9.2f} / {r['ladybug_p99']:>7.2f}"
                f"  {r['neo4j_p50']:>8.2f} / {r['neo4j_p99']:>7.2f}  {ratio[0]:>6.2f} / {ratio[1]:>5.2f}"
            )
        print(f"\n{'whole-bundle work':<28}{'ladybug':>12}{'neo4j':>12}{'ratio':>9}")
        for label, key, unit in (
            ("load (validate+write+derive)", "", "s"),
            ("batch screening", "_batch_per_s", "/s"),
            ("full restriction rebuild", "_rebuild_s", "s"),
        ):
            a = loads[f"ladybug{key}"] if key else loads["ladybug"]
            b = loads[f"neo4j{key}"] if key else loads["neo4j"]
            print(f"{label:<28}{a:>10.1f}{unit:<2}{b:>10.1f}{unit:<2}{b / a:>9.2f}")
        if args.json:
            args.json.write_text(json.dumps({"questions": rows, "bundle": loads}, indent=2), encoding="utf-8")
        lbug.close()
        neo.close()
    finally:
        stop()


if __name__ == "__main__":
    main()
