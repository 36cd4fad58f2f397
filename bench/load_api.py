"""Load test of the HTTP API from a second process on loopback.

    python bench/load_api.py --db var/bench/load.lbug [--seconds 60] [--clients 16]

Copies the database into `--work` (default var/bench/api; the copy is what the server writes
to), samples enterprise USCCs, person keys and records from it, starts `graph-credit serve` on
the copy in another process, and runs `--clients` concurrent clients on persistent loopback
connections for `--seconds`. Each client has one kind of work (`--mix`, default 12 lookup, 2
screening, 2 change clients) and a pace (`--rate`, per client per second: lookups as fast as
answers come up to 30/s, a screening client 5 checks/s, a change client a cycle every 2 s; an investment-promotion
system screens now and then while lookups stream):

- lookup: `GET /entities/{key}` of a random enterprise (or, one in five, a person with a purpose);
- screening: `GET /screening/{uscc}` of a random enterprise (the full credit check);
- change: on a record of its own, `POST /records/{id}/objection` then `POST .../decision`
  (rejected, so the record is active again and the cycle repeats): two lifecycle writes.

Afterwards the counts are checked: each changed record's history holds exactly the events the
clients were told were written, and the query log holds one entry per subject request sent
(no lost writes on either store). Prints p50/p99 ms and requests/s per kind, and the in-process
floor of a lookup and a screening (the same domain calls without HTTP, measured before the
server starts) with the ratio. Targets: no errors, screening p99 <= 80 ms, >= 300 lookups/s.
Without punishment endpoints in the API the change clients do lookups instead (said in the output).

`--topology-index both` (the default) runs the whole test twice on the same copy, the server
with the read-side topology index on and then off, and prints screening p99 for each (`on` or
`off` runs one). Record changes leave the index in place (they touch nothing it holds but a
record's status, which it patches): the run with it on says whether it stayed fresh and how often
the server loaded or built it (once: before the clients start, a request warms it). `--warm S`
runs the same mix for S seconds first, not counted: the engine's buffer pool starts empty, and the
first minute after a start measures cold reads as much as the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph_credit.apikeys import new_key  # noqa: E402

PURPOSE = {"X-Purpose": "load-test"}


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100 * len(s)))]


def sample(db: Path, n: int, seed: int) -> dict[str, list[str]]:
    """Keys to ask about, and active records with lifecycle room, read before the server starts."""
    from graph_credit.store.embedded import EmbeddedStore

    store = EmbeddedStore(db, read_only=True, buffer_pool_mb=1024)
    try:
        ents = [
            r["k"] for r in store.run_text("MATCH (e:Enterprise) RETURN e.uscc AS k LIMIT $n", {"n": n * 20})
        ]
        people = [
            r["k"] for r in store.run_text("MATCH (p:Person) RETURN p.pkey AS k LIMIT $n", {"n": n * 5})
        ]
        recs = [
            r["k"]
            for r in store.run_text(
                "MATCH (r:CreditRecord) WHERE r.status = 'active' AND r.kind = 'admin_penalty' "
                "AND (r.valid_until IS NULL OR r.valid_until > $today) RETURN r.record_id AS k LIMIT $n",
                {"n": 2000, "today": dt.date.today() + dt.timedelta(days=2)},
            )
        ]
    finally:
        store.close()
    rnd = random.Random(seed)
    return {
        "enterprises": rnd.sample(ents, min(n, len(ents))),
        "persons": rnd.sample(people, min(n // 5, len(people))),
        "records": recs,
    }


def prepare(db: Path) -> None:
    """A database loaded before joint punishment existed gets its tables and restrictions."""
    from graph_credit.punishment import rebuild_restrictions
    from graph_credit.store.embedded import EmbeddedStore

    store = EmbeddedStore(db, buffer_pool_mb=4096)
    try:
        try:
            store.run_text("MATCH (r:Restriction) RETURN r.rid LIMIT 1")
            return
        except Exception:  # no such table: derive the restrictions once, on the copy
            pass
        t0 = time.perf_counter()
        done = rebuild_restrictions(store)
        print(f"derived restrictions on the copy in {time.perf_counter() - t0:.1f} s: {done}")
    finally:
        store.close()


def floor(db: Path, keys: dict[str, list[str]], n: int, topology_index: bool) -> dict[str, float]:
    """p50 of the same domain calls in process, no HTTP (the server is not running yet)."""
    from graph_credit.entities import entity_detail
    from graph_credit.screening import screen
    from graph_credit.store.embedded import EmbeddedStore

    store = EmbeddedStore(db, read_only=True, buffer_pool_mb=2048, use_topology_index=topology_index)
    out = {}
    try:
        if topology_index:
            from graph_credit.topology import index_for

            t0 = time.perf_counter()
            index_for(store, wait=True)  # built (and persisted beside the copy) or loaded, not timed
            print(f"topology index for the floor ready in {time.perf_counter() - t0:.1f} s")
        for kind, fn in (
            ("lookup", lambda k: entity_detail(store, k)),
            ("screening", lambda k: screen(store, k)),
        ):
            times = []
            for k in keys["enterprises"][:n]:
                t0 = time.perf_counter()
                fn(k)
                times.append((time.perf_counter() - t0) * 1000)
            out[kind] = _pct(times, 50)
            out[kind + "_p99"] = _pct(times, 99)
    finally:
        store.close()
    return out


class Client(threading.Thread):
    def __init__(
        self,
        port: int,
        key: str,
        kind: str,
        keys: dict[str, list[str]],
        records: list[str],
        until: float,
        seed: int,
        rate: float,
    ) -> None:
        super().__init__(daemon=True)
        self.port, self.kind, self.keys, self.records, self.until = port, kind, keys, records, until
        self.rate = rate  # requests (cycles) per second; 0: as fast as answers come
        self.headers = {"X-API-Key": key, "Content-Type": "application/json", **PURPOSE}
        self.rnd = random.Random(seed)
        self.lat: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.subject_requests = 0
        self.writes: dict[str, int] = defaultdict(int)

    def _call(
        self, conn: http.client.HTTPConnection, kind: str, method: str, path: str, body: Any = None
    ) -> int:
        data = json.dumps(body).encode() if body is not None else None
        t0 = time.perf_counter()
        conn.request(method, path, body=data, headers=self.headers)
        resp = conn.getresponse()
        payload = resp.read()
        self.lat[kind].append((time.perf_counter() - t0) * 1000)
        self.subject_requests += 1
        if resp.status >= 400:
            self.errors.append(f"{method} {path}: {resp.status} {payload[:200]!r}")
        return resp.status

    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # a client that dies is an error of the run, not a crash of the bench
            self.errors.append(f"client stopped: {type(exc).__name__}: {exc}")

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        ents, people = self.keys["enterprises"], self.keys["persons"]
        i = 0
        start = time.perf_counter()
        while time.perf_counter() < self.until:
            if self.rate > 0:
                # paced on a fixed schedule (latency is still timed from the actual send)
                wait = start + i / self.rate - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
                if time.perf_counter() >= self.until:
                    break
            if self.kind == "screening":
                self._call(conn, "screening", "GET", f"/screening/{self.rnd.choice(ents)}")
            elif self.kind == "change" and self.records:
                rec = self.records[i % len(self.records)]
                q = urllib.parse.quote(rec)
                day = dt.date.today().isoformat()  # after every record's decision date
                if (
                    self._call(
                        conn, "change", "POST", f"/records/{q}/objection", {"on": day, "basis": "load test"}
                    )
                    < 300
                ):
                    self.writes[rec] += 1
                    body = {"upheld": False, "on": day, "basis": "load test: rejected"}
                    if self._call(conn, "change", "POST", f"/records/{q}/decision", body) < 300:
                        self.writes[rec] += 1
            else:
                key = self.rnd.choice(people) if people and self.rnd.random() < 0.2 else self.rnd.choice(ents)
                self._call(conn, "lookup", "GET", f"/entities/{urllib.parse.quote(key)}")
            i += 1
        conn.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            resp = c.getresponse()
            # ready as a load balancer would take it: answering, and done reading its tables in
            if resp.status == 200 and json.loads(resp.read()).get("buffer_pool") != "warming":
                return
            time.sleep(0.2)
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not become ready")


def get_json(port: int, key: str, path: str, timeout: float = 60) -> Any:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("GET", path, headers={"X-API-Key": key, **PURPOSE})
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        raise RuntimeError(f"GET {path}: {r.status} {body[:300]!r}")
    return json.loads(body)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # figures reach a log file even if the run is cut short
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=ROOT / "var/bench/load.lbug")
    ap.add_argument("--work", type=Path, default=ROOT / "var/bench/api")
    ap.add_argument("--no-copy", action="store_true", help="use the copy already in --work")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--mix", default="lookup=12,screening=2,change=2")
    ap.add_argument(
        "--rate",
        default="lookup=30,screening=5,change=0.5",
        help="per client, requests (change: cycles of two writes) per second; 0: as fast as answers come",
    )
    ap.add_argument(
        "--topology-index",
        choices=("on", "off", "both"),
        default="both",
        help="serve with the topology index on, off, or run the test once each way (default)",
    )
    ap.add_argument(
        "--warm",
        type=float,
        default=0,
        help="seconds of the same mix before the measured run, not counted (a server running for a while)",
    )
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--buffer-pool-mb", type=int, default=4096)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    mix = {k: int(v) for k, v in (p.split("=") for p in args.mix.split(","))}
    rates = {k: float(v) for k, v in (p.split("=") for p in args.rate.split(","))}
    if sum(mix.values()) != args.clients:
        raise SystemExit(f"--mix adds up to {sum(mix.values())} clients, not --clients {args.clients}")
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "graph.lbug"
    if not args.no_copy:
        t0 = time.perf_counter()
        for p in args.work.glob("graph.lbug*"):
            p.unlink()
        shutil.copy(args.db, db)
        print(f"copied {args.db} to {db} in {time.perf_counter() - t0:.1f} s")

    modes = [True, False] if args.topology_index == "both" else [args.topology_index == "on"]
    prepare(db)
    keys = sample(db, 5000, args.seed)
    base = floor(db, keys, 200, modes[0])
    print(
        f"in-process floor: lookup p50 {base['lookup']:.2f} ms, screening p50 {base['screening']:.2f} ms "
        f"(p99 {base['screening_p99']:.1f} ms)"
    )
    p99: dict[str, float] = {}
    for on in modes:
        p99["on" if on else "off"] = serve_and_load(args, db, keys, base, mix, rates, on)
    if len(p99) > 1:
        print(
            f"\nscreening p99: topology index on {p99['on']:.1f} ms, off {p99['off']:.1f} ms "
            f"(on/off {p99['on'] / p99['off']:.2f}x)"
        )


def make_clients(
    args: argparse.Namespace,
    key: str,
    keys: dict[str, list[str]],
    mix: dict[str, int],
    rates: dict[str, float],
    has_records: bool,
    per: list[list[str]],
    seconds: float,
    seed: int,
) -> list[Client]:
    until = time.perf_counter() + seconds
    clients: list[Client] = []
    for kind, count in mix.items():
        for _ in range(count):
            seed += 1
            if kind == "change" and has_records:
                clients.append(Client(args.port, key, kind, keys, per.pop(), until, seed, rates.get(kind, 0)))
            else:
                k = "screening" if kind == "screening" else "lookup"
                clients.append(Client(args.port, key, k, keys, [], until, seed, rates.get(k, 0)))
    return clients


def serve_and_load(
    args: argparse.Namespace,
    db: Path,
    keys: dict[str, list[str]],
    base: dict[str, float],
    mix: dict[str, int],
    rates: dict[str, float],
    topology_index: bool,
) -> float:
    """One server run on the copy with the clients; prints the figures, returns screening p99."""
    print(f"\n=== server with the topology index {'on' if topology_index else 'off'}")
    (args.work / "audit.sqlite").unlink(missing_ok=True)
    for p in args.work.glob("audit.sqlite-*"):
        p.unlink()
    key, entry = new_key("operator", "load-test")
    env = {
        **os.environ,
        "GRAPH_CREDIT_ENV": "test",
        "GRAPH_CREDIT_API_KEYS": entry,
        "GRAPH_CREDIT_AUDIT_DB_PATH": str(args.work / "audit.sqlite"),
        "GRAPH_CREDIT_BUFFER_POOL_MB": str(args.buffer_pool_mb),
        "GRAPH_CREDIT_TOPOLOGY_INDEX": "true" if topology_index else "false",
    }
    cmd = [sys.executable, "-m", "graph_credit.cli", "serve", "--db", str(db), "--port", str(args.port)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    try:
        wait_ready(args.port, proc)
        if topology_index:
            t0 = time.perf_counter()
            probe = urllib.parse.quote(keys["enterprises"][0])
            get_json(args.port, key, f"/investigate/{probe}/neighbourhood?hops=1", timeout=600)
            health = get_json(args.port, key, "/health")
            print(
                f"topology index warmed in {time.perf_counter() - t0:.1f} s: {health.get('topology_index')}, "
                f"{health.get('topology_builds')} load(s) or build(s)"
            )
        has_records = "/records/{record_id}/objection" in get_json(args.port, key, "/openapi.json")["paths"]
        if not has_records and mix.get("change"):
            print("the API has no record lifecycle endpoints: change clients do lookups instead")
        recs = keys["records"]
        before: dict[str, int] = {}
        n_change = mix.get("change", 0) if has_records else 0
        per = [recs[i::n_change][:50] for i in range(n_change)] if n_change else []
        if args.warm > 0:
            # the same mix, not timed: the engine's buffer pool fills as a running server's has
            t0 = time.perf_counter()
            warm = make_clients(
                args, key, keys, mix, rates, has_records, [list(g) for g in per], args.warm, args.seed + 1000
            )
            for c in warm:
                c.start()
            for c in warm:
                c.join()
            done = sum(len(v) for c in warm for v in c.lat.values())
            print(f"warm-up: {done:,} requests in {time.perf_counter() - t0:.1f} s, not counted")
        for group in per:
            for r in group:
                before[r] = len(get_json(args.port, key, f"/records/{urllib.parse.quote(r)}")["events"])
        log_before = get_json(args.port, key, "/audit?limit=1")["total"]

        clients = make_clients(args, key, keys, mix, rates, has_records, per, args.seconds, args.seed)
        t0 = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        elapsed = time.perf_counter() - t0

        lat: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        sent = 0
        writes: dict[str, int] = defaultdict(int)
        for c in clients:
            for k, v in c.lat.items():
                lat[k] += v
            errors += c.errors
            sent += c.subject_requests
            for r, n in c.writes.items():
                writes[r] += n

        print(
            f"\n{args.clients} clients for {elapsed:.1f} s ({args.mix}; per-client rates {args.rate}), server on the copy"
        )
        print(f"{'kind':<10} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x floor p50':>12}")
        for k in ("lookup", "screening", "change"):
            v = lat.get(k, [])
            if not v:
                continue
            ratio = f"{_pct(v, 50) / base[k]:.1f}x" if k in base and base[k] > 0 else ""
            print(
                f"{k:<10} {len(v):>9,} {len(v) / elapsed:>8.1f} {_pct(v, 50):>8.2f} {_pct(v, 99):>8.2f} {ratio:>12}"
            )
        total = sum(len(v) for v in lat.values())
        print(f"{'all':<10} {total:>9,} {total / elapsed:>8.1f}")

        lost = []
        for r, n in writes.items():
            after = len(get_json(args.port, key, f"/records/{urllib.parse.quote(r)}")["events"])
            if after - before[r] != n:
                lost.append(f"{r}: {n} writes acknowledged, {after - before[r]} events stored")
        log_after = get_json(args.port, key, "/audit?limit=1")["total"]
        # every request sent was about one subject; the history reads above and this log read add one each
        counted = len(writes) + 1
        log_missing = (log_before + counted + sent) - log_after
        print(f"\nwrites acknowledged: {sum(writes.values()):,} on {len(writes)} records; lost: {len(lost)}")
        print(
            f"query log: {log_after - log_before:,} new entries for {sent + counted:,} subject requests; missing: {log_missing}"
        )
        print(f"errors: {len(errors)}")
        for e in errors[:10]:
            print("  ", e)
        for e in lost[:10]:
            print("  lost:", e)
        scr = lat.get("screening", [])
        looks = len(lat.get("lookup", [])) / elapsed
        if topology_index:
            health = get_json(args.port, key, "/health")
            print(
                f"topology index after the run: {health.get('topology_index')}, "
                f"{health.get('topology_builds')} load(s) or build(s) in all"
            )
        print(
            f"\ntargets: screening p99 {_pct(scr, 99):.1f} ms (<= 80), lookups {looks:.0f}/s (>= 300), "
            f"errors {len(errors)} (0), lost writes {len(lost)} (0), query log missing {log_missing} (0)"
        )
        return _pct(scr, 99)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
