"""The ownership and investigator speed targets in one run, each with its ratio to the bare engine work.

    python bench/targets.py --db var/bench/load.lbug [--topology-dir DIR] [--json]

Runs bench/ownership.py (controllers and beneficial owners of random enterprises) and then
bench/investigate.py (the topology index, capped 2-hop neighbourhoods of random enterprises and of
the largest hubs, shortest paths), one after the other in their own processes (LadybugDB allows one
Database per file and process), and prints one table: p50 and p99 in ms, the target, whether it is
met, and the ratio to the bare engine queries the call rests on (replayed alone; for paths also
LadybugDB's own `* SHORTEST 1..8` on the same pairs). The full reports follow with --json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _run(script: str, *args: str) -> Any:
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args, "--json"], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def rows(own: list[dict[str, Any]], inv: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for result, name in ((r, n) for r in own for n in ("controller", "beneficial_owners")):
        ms, ratio = result["ms"][name], result["ratio_to_bare"][name]
        population = "random enterprise" if result["population"] == "all" else "random held enterprise"
        out.append(
            {
                "target": f"{name} ({population})",
                "p50": ms["p50"],
                "p99": ms["p99"],
                "limit_p99": 30.0,
                "ratio_p50": ratio["p50"],
                "ratio_p99": ratio["p99"],
                "bare": "the same hop queries, keys only",
            }
        )
    for key, label, limit in (
        ("neighbourhood_random", "capped 2-hop neighbourhood, random enterprises", 50.0),
        ("neighbourhood_hubs", "capped 2-hop neighbourhood, largest hubs", 50.0),
        ("shortest_path", "shortest path <= 8 hops, random pairs", 100.0),
        ("shortest_path_connected", "shortest path <= 8 hops, linked pairs", 100.0),
    ):
        r = inv[key]
        # The cold run (first touch of the subject's pages) is the figure that counts; warm beside it.
        cold, warm = r["investigate_ms"], r["investigate_warm_ms"]
        row = {
            "target": label,
            "p50": cold["p50"],
            "p99": cold["p99"],
            "warm_p50": warm["p50"],
            "warm_p99": warm["p99"],
            "limit_p99": limit,
            "ratio_p50": r["ratio_warm_p50"],
            "ratio_p99": r["ratio_of_p99s"],
            "bare": f"its {r['queries_per_call']['p50']:.0f} engine queries replayed alone",
            "without_index_p99": r["without_index"]["investigate_ms"]["p99"],
        }
        if "ladybug_shortest" in r:
            row["ladybug_shortest_p50"] = r["ladybug_shortest"]["ms"]["p50"]
            row["ratio_p50_to_ladybug_shortest"] = r["ratio_p50_to_ladybug_shortest"]
        out.append(row)
    for row in out:
        row["met"] = row["p99"] <= row["limit_p99"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument(
        "--topology-dir", type=Path, help="where the topology index is kept (default: beside --db)"
    )
    ap.add_argument("--ownership-sample", type=int, default=500)
    ap.add_argument(
        "--sample", type=int, default=100, help="random enterprises and pairs for the investigator calls"
    )
    ap.add_argument("--hubs", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    own = _run("ownership.py", "--db", str(args.db), "--sample", str(args.ownership_sample))
    extra = ["--topology-dir", str(args.topology_dir)] if args.topology_dir else []
    inv = _run(
        "investigate.py", "--db", str(args.db), "--sample", str(args.sample), "--hubs", str(args.hubs), *extra
    )
    table = rows(own, inv)
    if args.json:
        print(
            json.dumps({"started": started, "targets": table, "ownership": own, "investigate": inv}, indent=2)
        )
        return
    ix = inv["topology_index"]
    print(f"{args.db} at {started}; load average {inv.get('load_average')}")
    print(
        f"topology index: {ix['nodes']:,} nodes, {ix['edges']:,} edges; built in {ix['build_s']} s, "
        f"loaded in {ix['load_s']} s; {ix['memory_mb']} MB in memory ({ix['strings_mb']} MB strings); "
        f"{ix['disk_mb']} MB on disk"
    )
    print(f"{'target':50} {'p50':>8} {'p99':>8} {'limit':>6}  met  {'ratio p50':>9} {'p99s':>6}")
    for r in table:
        print(
            f"{r['target']:50} {r['p50']:8.2f} {r['p99']:8.2f} {r['limit_p99']:6.0f}  {'yes' if r['met'] else 'NO ':3}"
            f"  {r['ratio_p50'] or 0:9.2f} {r['ratio_p99'] or 0:6.2f}  (bare: {r['bare']})"
        )
        if "without_index_p99" in r:
            extra_text = f"    warm p50/p99 {r['warm_p50']:.2f}/{r['warm_p99']:.2f}; without the index p99 {r['without_index_p99']:.1f}"
            if "ladybug_shortest_p50" in r:
                extra_text += (
                    f"; LadybugDB SHORTEST p50 {r['ladybug_shortest_p50']:.0f} ms "
                    f"(ratio {r['ratio_p50_to_ladybug_shortest']})"
                )
            print(extra_text)


if __name__ == "__main__":
    main()
