"""Benchmark: load a synthetic bundle (city scale by default) into a fresh LadybugDB.

Prints wall time, rows per second and peak memory of `load_bundle`, of a re-load of the same
bundle (must change nothing), and of the engine's raw bulk load (COPY) of the very same tables
into another fresh database, with the ratio of the whole load to that floor. Each measurement
runs in a process of its own so that peak memory is that step's alone.

    python bench/load_city.py [--scale city] [--workdir var/bench]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph_credit.settings import Settings  # noqa: E402

SECRET = "bench-secret"
# The engine's buffer pool counts in peak memory: use what a deployment uses by default.
BUFFER_POOL_MB = Settings.model_fields["buffer_pool_mb"].default


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step_load(bundle: Path, db: Path) -> dict:
    from graph_credit.store.embedded import EmbeddedStore
    from loaders.load import load_bundle

    store = EmbeddedStore(db, buffer_pool_mb=BUFFER_POOL_MB)
    t0 = time.perf_counter()
    report = load_bundle(store, bundle, SECRET)
    seconds = time.perf_counter() - t0
    store.close()
    rows = sum(report.rows.values())
    written = sum(c.inserted + c.updated for c in {**report.nodes, **report.edges}.values())
    return {
        "seconds": seconds,
        "rows": rows,
        "written": written,
        "rejected": report.total_rejected,
        "phases": report.seconds,
        "peak_mb": _peak_mb(),
    }


def _step_raw(bundle: Path, db: Path) -> dict:
    """The engine's floor: COPY of the same prepared tables, nothing else timed."""
    from graph_credit.store.embedded import EmbeddedStore
    from loaders.bundle import Known, read_bundle
    from loaders.load import table_plans

    validated = read_bundle(bundle, Known(), SECRET)
    tables = [(plan.insert_query, plan.table()) for plan in table_plans(validated)]
    del validated
    store = EmbeddedStore(db, buffer_pool_mb=BUFFER_POOL_MB)
    store.ensure_schema()
    t0 = time.perf_counter()
    rows = sum(store.bulk_write(name, table) for name, table in tables)
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": seconds, "rows": rows, "peak_mb": _peak_mb()}


def _run_step(step: str, bundle: Path, db: Path) -> dict:
    # Let the previous step's writes reach the disk first, so that writeback does not slow
    # down whichever step runs next.
    os.sync()
    proc = subprocess.run(
        [sys.executable, __file__, "--step", step, "--bundle", str(bundle), "--db", str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", default="city")
    ap.add_argument("--seed", type=int, default=20230811)
    ap.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    ap.add_argument("--step", choices=["load", "raw"], help=argparse.SUPPRESS)
    ap.add_argument("--bundle", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.step:
        fn = _step_load if args.step == "load" else _step_raw
        print(json.dumps(fn(args.bundle, args.db)))
        return

    from loaders.synthetic import generate

    bundle = args.workdir / f"bundle-{args.scale}-{args.seed}"
    if not (bundle / "enterprises.csv").exists():
        t0 = time.perf_counter()
        counts = generate(args.scale, bundle, seed=args.seed)
        print(f"generated {args.scale} bundle in {time.perf_counter() - t0:.1f} s: {counts}")
    size_mb = sum(p.stat().st_size for p in bundle.glob("*.csv")) / 2**20
    db, raw_db = args.workdir / "load.lbug", args.workdir / "raw.lbug"
    for p in (db, raw_db):
        if p.exists():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        for side in p.parent.glob(p.name + ".*"):
            side.unlink()

    first = _run_step("load", bundle, db)
    again = _run_step("load", bundle, db)
    raw = _run_step("raw", bundle, raw_db)
    db_mb = sum(f.stat().st_size for f in args.workdir.glob("load.lbug*")) / 2**20

    print(
        f"\nbundle: {args.scale}, {first['rows']:,} CSV rows, {size_mb:,.0f} MB of CSV; database {db_mb:,.0f} MB"
    )
    print(f"{'step':<34}{'seconds':>9}{'rows/s':>12}{'peak MB':>10}")
    for label, r in (
        ("load (validate + write)", first),
        ("re-load of the same bundle", again),
        ("raw COPY of the same tables", raw),
    ):
        print(f"{label:<34}{r['seconds']:>9.1f}{r['rows'] / r['seconds']:>12,.0f}{r['peak_mb']:>10,.0f}")
    print(f"load phases: {first['phases']}")
    print(f"re-load wrote {again['written']} rows (must be 0); rejected rows: {first['rejected']}")
    print(f"ratio load / raw COPY: {first['seconds'] / raw['seconds']:.2f}x")


if __name__ == "__main__":
    main()
