"""Health, counts and who-am-I."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from api.auth import ANALYSTS, Principal, require
from api.deps import PrincipalDep, QueryLogDep, StoreDep
from api.schemas.common import ERROR_RESPONSES, Caller
from api.schemas.meta import GraphStats, Health
from graph_credit import __version__
from graph_credit.stats import graph_stats
from graph_credit.topology import index_state

router = APIRouter(tags=["meta"], responses=ERROR_RESPONSES)


@router.get("/health", response_model=Health, summary="Liveness and engine")
def health(request: Request, store: StoreDep, log: QueryLogDep) -> Health:
    try:
        log.count()
        state = "ok"
    except Exception:  # a health check reports, it does not fail
        state = "unavailable"
    index, builds = index_state(store)
    return Health(
        status="ok",
        engine=store.engine,
        version=__version__,
        query_log=state,
        topology_index=index,
        topology_builds=builds,
        buffer_pool=_warming(request),
    )


def _warming(request: Request) -> str:
    thread = getattr(request.app.state, "warming", None)
    if thread is None:
        return "off"
    return "warming" if thread.is_alive() else "warm"


@router.get("/stats", response_model=GraphStats, summary="Nodes and edges of each kind")
def stats(store: StoreDep, _: Annotated[Principal, Depends(require(*ANALYSTS))]) -> GraphStats:
    return GraphStats(**graph_stats(store))


@router.get("/whoami", response_model=Caller, summary="The caller's name and role")
def whoami(principal: PrincipalDep) -> Caller:
    return Caller(name=principal.name, role=principal.role.value, anonymous=principal.anonymous)
