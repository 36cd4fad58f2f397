"""The investment-attraction credit check: one candidate, a batch, the printable report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse, JSONResponse

from api.auth import CHECKERS, require
from api.deps import AuditDep, PrincipalDep, SettingsDep, StoreDep, answer
from api.errors import ApiError
from api.masking import mask
from api.params import AsOfToday
from api.schemas.common import ERROR_RESPONSES, json_errors
from api.schemas.screening import BatchIn, BatchOut, BatchRow
from api.schemas.screening import CandidateChoice as CandidateChoiceOut
from api.schemas.screening import ScreeningResult as ScreeningResultOut
from graph_credit.screening import CandidateChoice, ScreeningResult, render_report, screen, screen_batch
from graph_credit.settings import Settings

router = APIRouter(
    prefix="/screening",
    tags=["screening"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require(*CHECKERS))],
)

Candidate = Annotated[
    str, Path(min_length=1, max_length=100, description="USCC, or a name matching one enterprise")
]
AsOf = AsOfToday


def _policy(s: Settings) -> str | None:
    return str(s.grading_policy) if s.grading_policy else None


@router.post("/batch", response_model=BatchOut, summary="Check many candidates: one verdict row each")
def batch(
    body: BatchIn, store: StoreDep, settings: SettingsDep, principal: PrincipalDep, audit: AuditDep
) -> JSONResponse:
    if len(body.candidates) > settings.api_max_batch:
        raise ApiError(
            413,
            "too_large",
            f"{len(body.candidates):,} candidates; at most {settings.api_max_batch:,} in one batch",
        )
    audit(body.candidates, action="screen")
    res = screen_batch(store, body.candidates, as_of=body.as_of, policy=_policy(settings), workers=1)
    rows = [BatchRow(**r) for r in res.rows]  # type: ignore[arg-type]
    out = BatchOut(
        rows=rows, total=len(rows), errors=sum(1 for r in rows if r.error), seconds=round(res.seconds, 3)
    )
    return answer(out, principal)


@router.get(
    "/{candidate}",
    response_model=ScreeningResultOut | CandidateChoiceOut,
    summary="Credit check of one candidate: grade, verdict, findings with paths",
)
def check(
    store: StoreDep,
    settings: SettingsDep,
    principal: PrincipalDep,
    audit: AuditDep,
    candidate: Candidate,
    as_of: AsOf = None,
) -> JSONResponse:
    audit(candidate, action="screen")
    return answer(screen(store, candidate, as_of=as_of, policy=_policy(settings)), principal)


@router.get(
    "/{candidate}/report",
    response_class=HTMLResponse,
    summary="The credit report as a printable HTML page",
    responses={
        200: {"content": {"text/html": {}}, "description": "the report"},
        **json_errors({409: "the name matches several enterprises"}),
    },
)
def report(
    store: StoreDep,
    settings: SettingsDep,
    principal: PrincipalDep,
    audit: AuditDep,
    candidate: Candidate,
    as_of: AsOf = None,
) -> HTMLResponse:
    audit(candidate, action="report")
    res = screen(store, candidate, as_of=as_of, policy=_policy(settings))
    if isinstance(res, CandidateChoice):
        raise ApiError(409, "ambiguous", res.message)
    shown = ScreeningResult.model_validate(mask(res.model_dump(mode="json"), principal.role))
    return HTMLResponse(render_report(shown))
