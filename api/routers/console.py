"""The expert Cypher console for investigators: read-only by construction (graph_credit.console)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.auth import ANALYSTS, require
from api.deps import AuditDep, PrincipalDep, SettingsDep, StoreDep, answer
from api.schemas.common import ERROR_RESPONSES
from api.schemas.console import ConsoleAnswer, ConsoleQuery
from graph_credit.console import run_console

router = APIRouter(tags=["console"], responses=ERROR_RESPONSES, dependencies=[Depends(require(*ANALYSTS))])


@router.post("/console", response_model=ConsoleAnswer, summary="Run one read-only Cypher statement")
def console(
    body: ConsoleQuery, store: StoreDep, settings: SettingsDep, principal: PrincipalDep, audit: AuditDep
) -> JSONResponse:
    audit("cypher: " + " ".join(body.query.split())[:500], action="console")
    limit = min(body.max_rows or settings.console_max_rows, settings.console_max_rows)
    res = run_console(store, body.query, body.params, max_rows=limit, timeout_ms=settings.console_timeout_ms)  # type: ignore[arg-type]
    return answer(ConsoleAnswer(**res.__dict__), principal)
