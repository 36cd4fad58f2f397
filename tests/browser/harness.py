"""Headless Chromium for tests: launching it offline, serving an app on loopback, guarding the network.

The browser is Debian's Chromium (`scripts/setup-browser.sh`) driven by Playwright over CDP;
Playwright's own browser downloads are never used. The flags keep Chromium from calling home
(background networking, component updates, sync), which on a closed network would otherwise
show up as refused connections and slow every launch.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Schemes that never reach the network: the page's own data and blob URLs, the blank page.
_LOCAL_SCHEMES = ("data", "blob", "about")


def chromium_path() -> str | None:
    """The browser to drive: CHROMIUM_PATH, else /usr/bin/chromium, else chromium on PATH."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class NetworkGuard:
    """Records every request a page makes and refuses (aborts) those outside the allowed origins.

    Allowed: the origins of the live servers started for the test, the exact `file://` pages the
    test opened, and data/blob/about URLs. Everything else is recorded in `outside` and aborted,
    so a page that reaches for a CDN fails its test instead of waiting on a closed network.
    """

    origins: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def allow_origin(self, url: str) -> None:
        self.origins.add(origin(url))

    def allow_file(self, path: Path) -> str:
        url = path.resolve().as_uri()
        self.files.add(url)
        return url

    def allowed(self, url: str) -> bool:
        scheme = urlsplit(url).scheme
        if scheme in _LOCAL_SCHEMES:
            return True
        if scheme == "file":
            return url.split("#", 1)[0] in self.files
        return origin(url) in self.origins

    def handle(self, route, request) -> None:  # type: ignore[no-untyped-def]  # playwright callback
        self.requests.append(request.url)
        if self.allowed(request.url):
            route.continue_()
        else:
            self.outside.append(request.url)
            route.abort("blockedbyclient")

    def assert_clean(self) -> None:
        assert not self.outside, "the page asked for URLs outside the product's own origin:\n" + "\n".join(
            self.outside
        )


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serve(app, timeout: float = 10.0) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]  # any ASGI app
    """Serve an ASGI app with uvicorn on a free loopback port in a thread (lifespan included)."""
    sock = _free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server on 127.0.0.1:{port} did not start")
        time.sleep(0.01)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", server, thread)
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]  # a playwright Page
    """Save a full-page screenshot to var/screenshots/NAME.png (ignored by git) for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
