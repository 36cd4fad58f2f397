"""A cap on request bodies, checked before a route reads them (pure ASGI, no buffering)."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": {
                    "code": "too_large",
                    "message": f"request body above {self.max_bytes:,} bytes",
                    "fields": [],
                }
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return msg

        async def tracked(msg: Any) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(send)


class PriorityGate:
    """At most `capacity` requests inside the app at once; waiting ones are let in screening
    and record changes first, then in arrival order.

    Routes are CPU-bound Python around short engine calls, and every runnable thread competes
    for one interpreter lock: sixteen lookups in flight make a 10 ms credit check take ten times
    as long. Queueing in the event loop costs nothing, so the gate keeps few requests running
    and serves the interactive check ahead of the stream of lookups. `/health` bypasses it."""

    def __init__(
        self, app: ASGIApp, capacity: int, first: tuple[str, ...] = ("/screening", "/records")
    ) -> None:
        import asyncio
        import heapq
        import itertools

        self.app, self.capacity, self.first = app, capacity, first
        self._running = 0
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._heap = heapq
        self._order = itertools.count()

    def _release(self) -> None:
        self._running -= 1
        while self._waiting and self._running < self.capacity:
            _, _, fut = self._heap.heappop(self._waiting)
            if not fut.done():
                self._running += 1
                fut.set_result(None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        import asyncio

        if scope["type"] != "http" or scope.get("path") == "/health":
            await self.app(scope, receive, send)
            return
        if self._running >= self.capacity:
            path = scope.get("path", "")
            prio = 0 if path.startswith(self.first) else 1
            fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._heap.heappush(self._waiting, (prio, next(self._order), fut))
            try:
                await fut
            except asyncio.CancelledError:
                if fut.done() and not fut.cancelled():
                    self._release()  # admitted, then cancelled before running: give the slot back
                raise
        else:
            self._running += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._release()
