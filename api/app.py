"""`create_app()`: the API factory. Routes call `graph_credit` only.

The caller's role comes from an API key (api/auth.py), answers are masked for it
(api/masking.py), and every query about a subject is written to the query log before it runs
(api/deps.py `Audit`, graph_credit/audit.py).
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors, explorer
from api.limits import BodyLimit, PriorityGate
from api.routers import audit, console, entities, investigate, meta, ownership, records, screening
from graph_credit import __version__
from graph_credit.apikeys import ApiKey, load_keys
from graph_credit.audit import QueryLog
from graph_credit.settings import Settings, get_settings
from graph_credit.store import GraphStore, open_store
from graph_credit.topology import index_for
from graph_credit.warmup import prewarm_in_background

DESCRIPTION = """Linked credit relationships as a graph: screening, investigation and records.

Authenticate with an API key (`Authorization: Bearer <key>` or `X-API-Key`); without one a
caller has the public role. State why you query with `X-Purpose` (or `purpose=`): it is
recorded in the query log with every query about a subject, and required for queries about
persons by screening clients and investigators."""


def create_app(
    settings: Settings | None = None,
    store: GraphStore | None = None,
    *,
    query_log: QueryLog | None = None,
    api_keys: dict[str, ApiKey] | None = None,
) -> FastAPI:
    """The app; a given `store` or `query_log` is the caller's to close. Refuses (raises) to be
    built with a development API key outside development."""
    s = settings or get_settings()
    keys = (
        api_keys
        if api_keys is not None
        else load_keys(s.api_keys, s.api_keys_file, development=s.env == "development")
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        app.state.store = store or open_store(s)
        app.state.query_log = query_log or QueryLog(s.audit_db_path)
        # load (or build) the topology index in the background now: a credit check reads a holding
        # company's stakes from it once it is ready, and never waits for it
        index_for(app.state.store, wait=False)
        ladybug = app.state.store.engine == "ladybug"
        warming = prewarm_in_background(app.state.store) if s.prewarm and ladybug else None
        app.state.warming = warming
        try:
            yield
        finally:
            if warming is not None:
                warming.join(timeout=60)  # it reads through the store about to be closed
            if store is None:
                app.state.store.close()
            if query_log is None:
                app.state.query_log.close()

    app = FastAPI(title="graph-credit", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = s
    app.state.api_keys = keys
    app.state.anonymous = s.api_anonymous
    errors.install(app)
    for r in (meta, entities, ownership, investigate, screening, records, console, audit, explorer):
        app.include_router(r.router)
    app.add_middleware(BodyLimit, max_bytes=s.api_max_body_bytes)
    app.add_middleware(PriorityGate, capacity=s.api_workers)
    return app
