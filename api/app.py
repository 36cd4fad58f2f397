"""`create_app()`: the API factory. Routes call `graph_credit` only."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from api import explorer
from graph_credit import __version__
from graph_credit.settings import Settings, get_settings
from graph_credit.stats import graph_stats
from graph_credit.store import GraphStore, open_store


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    s = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        app.state.store = store or open_store(s)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(title="graph-credit", version=__version__, lifespan=lifespan)

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "engine": app.state.store.engine, "version": __version__}

    @app.get("/stats", tags=["meta"])
    def stats() -> dict[str, Any]:
        return graph_stats(app.state.store)

    app.include_router(explorer.router)
    return app
