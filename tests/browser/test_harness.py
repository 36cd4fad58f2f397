"""The browser harness itself: a served app is reachable, and a page reaching outside is caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from api.app import create_app
from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from tests.browser.harness import NetworkGuard
from tests.conftest import SECRET

OUTSIDE = "https://cdn.example.com/lib.js"


def test_live_server_serves_the_api_to_the_browser(
    page: Any, live_server: Any, screenshot: Any, tmp_path: Path, bundle: Path
) -> None:
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    load_bundle(store, bundle, SECRET)
    try:
        url = live_server(create_app(store=store))
        page.goto(url + "/health")
        assert '"status":"ok"' in page.inner_text("body").replace(" ", "")
        assert screenshot("harness-health").stat().st_size > 0
    finally:
        store.close()


def test_guard_refuses_and_records_a_request_outside_the_origin(browser: Any, live_server: Any) -> None:
    app = FastAPI()

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return f'<p id="p">x</p><script src="{OUTSIDE}"></script><script src="/own.js"></script>'

    @app.get("/own.js")
    def own() -> HTMLResponse:
        return HTMLResponse("document.getElementById('p').textContent = 'own';", media_type="text/javascript")

    guard = NetworkGuard()
    url = live_server(app)
    guard.allow_origin(url)
    context = browser.new_context()
    context.route("**/*", guard.handle)
    try:
        pg = context.new_page()
        pg.goto(url + "/")
        pg.wait_for_function("document.getElementById('p').textContent === 'own'")
    finally:
        context.close()
    assert guard.outside == [OUTSIDE]
    assert url + "/own.js" in guard.requests


def test_guard_allows_only_the_opened_file_and_local_schemes(tmp_path: Path) -> None:
    guard = NetworkGuard()
    page = tmp_path / "page.html"
    other = tmp_path / "other.html"
    url = guard.allow_file(page)
    guard.allow_origin("http://127.0.0.1:8123/explorer")
    assert guard.allowed(url) and guard.allowed(url + "#node")
    assert not guard.allowed(other.resolve().as_uri())
    assert guard.allowed("data:image/png;base64,AAAA")
    assert guard.allowed("http://127.0.0.1:8123/static/vis.js")
    assert not guard.allowed("http://127.0.0.1:8124/static/vis.js")
    assert not guard.allowed("https://cdn.jsdelivr.net/npm/x.js")
