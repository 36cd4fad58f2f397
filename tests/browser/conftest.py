"""Browser fixtures: `browser` (headless Chromium), `page` (network-guarded), `live_server`, `screenshot`,
and `tiny_store` (the synthetic `tiny` bundle, generated and loaded once per session: about a second).

Without Chromium (or Playwright) every browser test is skipped with the reason, unless
REQUIRE_BROWSER=1 (CI), where that is a failure. Every `page` records its requests and the test
fails when one left the product's own origin (see `harness.NetworkGuard`).

    def test_x(page, live_server, screenshot):
        url = live_server(create_app(store=store))
        page.goto(url + "/explorer")
        screenshot("explorer-home")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from loaders.synthetic import generate
from tests.browser.harness import CHROMIUM_FLAGS, NetworkGuard, browser_required, chromium_path, serve
from tests.browser.harness import screenshot as _screenshot
from tests.conftest import SECRET


def _unavailable(reason: str) -> None:
    if browser_required():
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}; run scripts/setup-browser.sh", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (each test gets its own context and profile)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    path = chromium_path()
    if path is None:
        _unavailable("Chromium is not installed (/usr/bin/chromium or CHROMIUM_PATH)")
    with sync_playwright() as pw:
        # launch() gives the browser a fresh temporary user-data dir, removed on close.
        b = pw.chromium.launch(executable_path=path, headless=True, args=list(CHROMIUM_FLAGS))
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def network_guard() -> NetworkGuard:
    return NetworkGuard()


@pytest.fixture
def page(browser: Any, network_guard: NetworkGuard) -> Iterator[Any]:
    """A page in a fresh context whose every request is recorded; outside requests fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    context.route("**/*", network_guard.handle)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors  # type: ignore[attr-defined]  # read by tests that assert a clean console
    try:
        yield pg
    finally:
        context.close()
    network_guard.assert_clean()


@pytest.fixture
def live_server(network_guard: NetworkGuard) -> Iterator[Callable[[Any], str]]:
    """`live_server(app)` serves an ASGI app on a free loopback port and returns its base URL."""
    with ExitStack() as stack:

        def start(app: Any) -> str:
            server = stack.enter_context(serve(app))
            network_guard.allow_origin(server.url)
            return server.url

        yield start


@pytest.fixture
def local_file(network_guard: NetworkGuard) -> Callable[[Path], str]:
    """`local_file(path)` returns the file:// URL of a page to open, allowed by the network guard."""
    return network_guard.allow_file


@pytest.fixture
def screenshot(page: Any) -> Callable[[str], Path]:
    """`screenshot(name)` saves var/screenshots/NAME.png of the current page."""
    return lambda name: _screenshot(page, name)


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic `tiny` bundle (300 enterprises, deterministic), generated once per session."""
    folder = tmp_path_factory.mktemp("tiny") / "bundle"
    generate("tiny", folder)
    return folder


@pytest.fixture(scope="session")
def tiny_store(tiny_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """An embedded store holding the `tiny` bundle, shared by the session's browser tests (read only)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("tiny-db") / "graph.lbug", buffer_pool_mb=256)
    load_bundle(store, tiny_bundle, SECRET)
    try:
        yield store
    finally:
        store.close()
