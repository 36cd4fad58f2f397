"""Requests in parallel: each worker thread has its own engine connection; the gate orders waiters."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from api.limits import PriorityGate
from tests.api.conftest import ACME, HOLDCO, Api


def test_each_thread_has_its_own_connection(api: Api) -> None:
    store = api.store
    seen: dict[int, set[int]] = {}
    lock = threading.Lock()
    original = store._conn

    def tracked():  # type: ignore[no-untyped-def]
        conn = original()
        with lock:
            seen.setdefault(id(conn), set()).add(threading.get_ident())
        return conn

    store._conn = tracked  # type: ignore[method-assign]
    try:
        with ThreadPoolExecutor(8) as pool:
            codes = list(
                pool.map(
                    lambda i: api.get(f"/entities/{ACME if i % 2 else HOLDCO}", "screening").status_code,
                    range(64),
                )
            )
    finally:
        del store._conn
    assert set(codes) == {200}
    assert seen and all(len(threads) == 1 for threads in seen.values())


def test_gate_lets_screening_in_first() -> None:
    order: list[str] = []
    release = asyncio.Event()

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        order.append(scope["path"])
        if scope["path"] == "/entities/first":
            await release.wait()

    gate = PriorityGate(app, capacity=1)

    async def main() -> None:
        first = asyncio.create_task(gate({"type": "http", "path": "/entities/first"}, None, None))
        await asyncio.sleep(0)
        waiting = [
            asyncio.create_task(gate({"type": "http", "path": p}, None, None))
            for p in ("/entities/a", "/entities/b", "/screening/x")
        ]
        await asyncio.sleep(0)
        assert order == ["/entities/first"]  # the others wait for the one slot
        release.set()
        await asyncio.gather(first, *waiting)

    asyncio.run(main())
    assert order == ["/entities/first", "/screening/x", "/entities/a", "/entities/b"]
