"""Benchmark: a 300-node neighbourhood drawn by the explorer in headless Chromium, until it settles.

    python bench/explorer.py [--db DB] [--subject KEY] [--nodes 300] [--runs 5]

Finds a subject whose capped neighbourhood fills `--nodes` (or takes `--subject`), builds its
marked subgraph, and measures in Debian's Chromium (scripts/setup-browser.sh):

- standalone: the page `graph-credit explore` writes (scripts inlined), opened from disk;
- served: `/explorer?focus=KEY` from the API on a loopback port (the JSON query included);
- floor: the same vis nodes, edges and options in a page holding nothing but vis-network (what
  vis itself costs for this picture: the ratio says what the page adds);
- vis defaults (one run): the same nodes and edges with vis-network's default options, which is
  what untuned physics costs (up to 1,000 Barnes-Hut stabilisation iterations from random starts).

For each: from the start of navigation, and from the start of drawing, to vis-network's
`stabilizationIterationsDone`; p50 and max over the runs, and the ratio to the 2 s target and
to the floor. Every request the page makes is recorded; any outside the page's own origin
is reported (and makes the exit status 1). Without --db it generates and loads the synthetic
`tiny` scale first (a few seconds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from graph_credit import explore  # noqa: E402
from graph_credit import investigate as inv  # noqa: E402
from graph_credit.apikeys import ApiRole, load_keys, new_key  # noqa: E402
from graph_credit.audit import QueryLog  # noqa: E402
from graph_credit.settings import Settings  # noqa: E402
from graph_credit.store.embedded import EmbeddedStore  # noqa: E402
from tests.browser.harness import CHROMIUM_FLAGS, NetworkGuard, chromium_path, serve  # noqa: E402

TARGET_MS = 2000.0

BARE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body,#g{margin:0;width:100%%;height:100%%}</style></head><body><div id="g"></div>
<script>%(vis)s</script>
<script>
const data = %(data)s;
const t0 = performance.now();
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const net = new vis.Network(document.getElementById("g"), {nodes: nodes, edges: edges}, data.options);
window.explorer = {state: {ready: false}, nodes: nodes, edges: edges};
net.once("stabilizationIterationsDone", () => {
  const now = performance.now();
  window.explorer.state = {ready: true, settledAt: now, settleMs: now - t0};
});
</script></body></html>"""


def _subject(store: EmbeddedStore, want: int, given: str | None) -> tuple[str, explore.Subgraph, float]:
    def build(key: str) -> tuple[explore.Subgraph, float]:
        t0 = time.perf_counter()
        sg = explore.neighbourhood_view(store, key, hops=4, max_nodes=want)
        return sg, (time.perf_counter() - t0) * 1000

    if given:
        sg, ms = build(given)
        return given, sg, ms
    best: tuple[str, explore.Subgraph, float] | None = None
    for text in ("有限公司", "公司", "合作社"):
        for hit in inv.search(store, text, kinds=["Enterprise"], limit=60).hits:
            sg, ms = build(hit.key)
            if best is None or len(sg.nodes) > len(best[1].nodes):
                best = (hit.key, sg, ms)
            if len(sg.nodes) >= want:
                return best
    if best is None:
        raise SystemExit("no enterprise found to start from")
    return best


def _measure(browser: Any, url: str, allow: NetworkGuard, key: str | None = None) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", allow.handle)
    if key:  # what a person types once into the page's key and purpose fields
        context.add_init_script(
            f"sessionStorage.setItem('graph-credit-api-key', {key!r});"
            "sessionStorage.setItem('graph-credit-purpose', 'benchmark');"
        )
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(
            "window.explorer && (window.explorer.state.ready === true || window.explorer.state.error)",
            timeout=60_000,
        )
        s = page.evaluate("window.explorer.state")
        if s.get("error"):
            raise SystemExit(f"{url}: the page says {s['error']}")
        counts = page.evaluate(
            "typeof explorer.nodes === 'object' && explorer.nodes.length !== undefined"
            " ? [explorer.nodes.length, explorer.edges.length] : [null, null]"
        )
        return {
            "from_navigation": s["settledAt"],
            "from_draw": s["settleMs"],
            "nodes": counts[0],
            "edges": counts[1],
        }
    finally:
        context.close()


def _summary(name: str, runs: list[dict[str, float]], floor: list[dict[str, float]] | None) -> dict[str, Any]:
    nav = [r["from_navigation"] for r in runs]
    draw = [r["from_draw"] for r in runs]
    out: dict[str, Any] = {
        "page": name,
        "nodes": runs[0]["nodes"],
        "edges": runs[0]["edges"],
        "navigation_to_settled_ms": {"p50": round(statistics.median(nav), 1), "max": round(max(nav), 1)},
        "draw_to_settled_ms": {"p50": round(statistics.median(draw), 1), "max": round(max(draw), 1)},
        "ratio_max_to_2s_target": round(max(nav) / TARGET_MS, 3),
    }
    if floor:
        base = statistics.median(r["from_draw"] for r in floor)
        out["ratio_draw_to_floor"] = round(statistics.median(draw) / base, 3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="a loaded LadybugDB file (opened read-only)")
    ap.add_argument("--subject", help="the focus (default: one whose neighbourhood fills --nodes)")
    ap.add_argument("--nodes", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    path = chromium_path()
    if path is None:
        raise SystemExit("Chromium is not installed: run scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if args.db:
            store = EmbeddedStore(args.db, read_only=True, buffer_pool_mb=1024)
        else:
            from loaders.load import load_bundle
            from loaders.synthetic import generate

            generate("tiny", Path(tmp) / "bundle")
            store = EmbeddedStore(Path(tmp) / "graph.lbug", buffer_pool_mb=256)
            load_bundle(store, Path(tmp) / "bundle", "bench-secret")
        key, sg, first_ms = _subject(store, args.nodes, args.subject)
        t0 = time.perf_counter()
        sg = explore.neighbourhood_view(store, key, hops=4, max_nodes=args.nodes)
        query_ms = (time.perf_counter() - t0) * 1000
        print(
            f"subject {key}: {len(sg.nodes)} nodes, {len(sg.edges)} edges; neighbourhood + marks {query_ms:.0f} ms "
            f"(first call {first_ms:.0f} ms: it may build or load the topology index)"
        )

        page_file = Path(tmp) / "explore.html"
        page_file.write_text(explore.render_page(sg), encoding="utf-8")
        data = explore.vis_data(sg)
        vis_js = explore.asset("vis-network.min.js")[0].decode("utf-8")
        floor_file = Path(tmp) / "floor.html"
        floor_file.write_text(
            BARE_PAGE % {"vis": vis_js, "data": json.dumps(data, ensure_ascii=False)}, encoding="utf-8"
        )
        untuned = {
            "nodes": [{"id": n["id"], "label": n["label"]} for n in data["nodes"]],
            "edges": [{"from": e["from"], "to": e["to"]} for e in data["edges"]],
            "options": {},
        }
        untuned_file = Path(tmp) / "untuned.html"
        untuned_file.write_text(
            BARE_PAGE % {"vis": vis_js, "data": json.dumps(untuned, ensure_ascii=False)}, encoding="utf-8"
        )

        guard = NetworkGuard()
        results: dict[str, list[dict[str, float]]] = {
            "floor": [],
            "standalone": [],
            "served": [],
            "vis defaults": [],
        }
        api_key, entry = new_key(ApiRole.INVESTIGATOR, "bench")
        settings = Settings(
            _env_file=None, env="test", api_keys=entry, audit_db_path=Path(tmp) / "audit.sqlite"
        )
        log = QueryLog(settings.audit_db_path)
        app = create_app(settings, store, query_log=log, api_keys=load_keys(entry, None, development=False))
        with (
            sync_playwright() as pw,
            serve(app) as server,
        ):
            guard.allow_origin(server.url)
            standalone = guard.allow_file(page_file)
            floor = guard.allow_file(floor_file)
            untuned_url = guard.allow_file(untuned_file)
            served = f"{server.url}/explorer?focus={key}&hops=4"
            browser = pw.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_FLAGS))
            try:
                results["vis defaults"].append(_measure(browser, untuned_url, guard))
                for _ in range(args.runs):
                    results["floor"].append(_measure(browser, floor, guard))
                    results["standalone"].append(_measure(browser, standalone, guard))
                    results["served"].append(_measure(browser, served, guard, api_key))
            finally:
                browser.close()
        store.close()
        log.close()

    for name in ("standalone", "served", "floor", "vis defaults"):
        floor_runs = results["floor"] if name != "floor" else None
        print(json.dumps(_summary(name, results[name], floor_runs), ensure_ascii=False))
    print(f"requests: {len(guard.requests)}, outside the product's own origin: {len(guard.outside)}")
    for url in guard.outside:
        print(f"  outside: {url}")
    return 1 if guard.outside else 0


if __name__ == "__main__":
    raise SystemExit(main())
