"""Joint punishment: restrictions as of a date, published records, the measure catalogue, record
lifecycle (objection, decision, repair), tasks pushed to departments and their tracking."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from api.auth import ANALYSTS, CHECKERS, EVERYONE, OPERATORS, require
from api.deps import AuditDep, PagingDep, PrincipalDep, StoreDep, answer
from api.params import AsOfToday
from api.schemas.common import ERROR_RESPONSES, Page
from api.schemas.measures import MeasureCatalogue
from api.schemas.records import (
    DecisionIn,
    LifecycleIn,
    PublishedPage,
    RecordHistory,
    Task,
    TaskPage,
    TaskReportIn,
    Tracking,
    Transition,
)
from api.schemas.restrictions import IncentiveStatus, MonitoringStatus, RestrictedPersons, SubjectRestrictions
from graph_credit import punishment as pun

router = APIRouter(tags=["records"], responses=ERROR_RESPONSES)

Subject = Annotated[str, Path(min_length=1, max_length=64, description="USCC or person key")]
Uscc = Annotated[str, Path(min_length=1, max_length=64, description="USCC of an enterprise")]
RecordId = Annotated[str, Path(min_length=1, max_length=100, description="credit record id")]
AsOf = AsOfToday

everyone = [Depends(require(*EVERYONE))]
checkers = [Depends(require(*CHECKERS))]
analysts = [Depends(require(*ANALYSTS))]
operators = [Depends(require(*OPERATORS))]


@router.get(
    "/measures", response_model=MeasureCatalogue, dependencies=everyone, summary="The measure catalogue"
)
def measures() -> pun.MeasureCatalogue:
    # Not through `answer`: nothing to mask, and validating into the response model leaves out
    # what the contract does not promise (the catalogue file's path on the server).
    return pun.load_catalogue()


@router.get(
    "/restrictions/{subject}",
    response_model=SubjectRestrictions,
    dependencies=checkers,
    summary="Restrictions on a subject as of a date, each with its record and provenance",
)
def restrictions(
    store: StoreDep, principal: PrincipalDep, audit: AuditDep, subject: Subject, as_of: AsOf = None
) -> JSONResponse:
    audit(subject)
    return answer(pun.restrictions(store, subject, as_of), principal)


@router.get(
    "/restrictions/{uscc}/persons",
    response_model=RestrictedPersons,
    dependencies=checkers,
    summary="Restricted persons of an enterprise (its officers and responsible persons)",
)
def restricted_persons(
    store: StoreDep, principal: PrincipalDep, audit: AuditDep, uscc: Uscc, as_of: AsOf = None
) -> JSONResponse:
    audit(uscc)
    return answer(pun.restricted_persons(store, uscc, as_of), principal)


@router.get(
    "/incentives/{subject}",
    response_model=IncentiveStatus,
    dependencies=checkers,
    summary="Red list and green channel",
)
def incentive(
    store: StoreDep, principal: PrincipalDep, audit: AuditDep, subject: Subject, as_of: AsOf = None
) -> JSONResponse:
    audit(subject)
    return answer(pun.incentive_status(store, subject, as_of), principal)


@router.get(
    "/monitoring/{subject}",
    response_model=MonitoringStatus,
    dependencies=checkers,
    summary="Key monitoring after repair",
)
def monitoring(
    store: StoreDep, principal: PrincipalDep, audit: AuditDep, subject: Subject, as_of: AsOf = None
) -> JSONResponse:
    audit(subject)
    return answer(pun.monitoring_status(store, subject, as_of), principal)


@router.get(
    "/published/{subject}",
    response_model=PublishedPage,
    dependencies=everyone,
    summary="Published records of a subject (信用公示): only while valid",
)
def published(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    paging: PagingDep,
    subject: Subject,
    as_of: AsOf = None,
) -> JSONResponse:
    audit(subject)
    items = pun.published(store, subject, as_of)
    return answer(PublishedPage.of(items, paging.limit, paging.offset), principal)


@router.get(
    "/records/{record_id}",
    response_model=RecordHistory,
    dependencies=analysts,
    summary="A record and its lifecycle",
)
def record(store: StoreDep, principal: PrincipalDep, audit: AuditDep, record_id: RecordId) -> JSONResponse:
    audit(record_id)
    return answer(pun.record_history(store, record_id), principal)


@router.post(
    "/records/{record_id}/objection",
    response_model=Transition,
    dependencies=operators,
    summary="File an objection (异议): measures suspended while it is checked",
)
def objection(
    body: LifecycleIn, store: StoreDep, principal: PrincipalDep, audit: AuditDep, record_id: RecordId
) -> JSONResponse:
    audit(record_id, action="change")
    t = pun.file_objection(store, record_id, by=principal.name, on=body.on, basis=body.basis)
    return answer(t, principal)


@router.post(
    "/records/{record_id}/decision",
    response_model=Transition,
    dependencies=operators,
    summary="Decide an objection: upheld (corrected or revoked) or rejected",
)
def decision(
    body: DecisionIn, store: StoreDep, principal: PrincipalDep, audit: AuditDep, record_id: RecordId
) -> JSONResponse:
    audit(record_id, action="change")
    t = pun.decide_objection(
        store,
        record_id,
        upheld=body.upheld,
        outcome=body.outcome,
        by=principal.name,
        on=body.on,
        basis=body.basis,
    )
    return answer(t, principal)


@router.post(
    "/records/{record_id}/repair",
    response_model=Transition,
    dependencies=operators,
    summary="Credit repair (信用修复)",
)
def repair(
    body: LifecycleIn, store: StoreDep, principal: PrincipalDep, audit: AuditDep, record_id: RecordId
) -> JSONResponse:
    audit(record_id, action="change")
    return answer(
        pun.repair_record(store, record_id, by=principal.name, on=body.on, basis=body.basis), principal
    )


@router.get(
    "/tasks",
    response_model=TaskPage,
    dependencies=operators,
    summary="Tasks pushed to departments, oldest first",
)
def tasks(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    paging: PagingDep,
    department: Annotated[str | None, Query(max_length=100)] = None,
    unanswered_only: bool = True,
    as_of: AsOf = None,
) -> JSONResponse:
    audit(f"tasks:{department or '*'}")
    res = pun.tasks(store, department, unanswered_only, as_of=as_of, limit=paging.offset + paging.limit + 1)
    return answer(TaskPage.of(res, paging.limit, paging.offset), principal)


@router.post(
    "/tasks/{task_id}/report",
    response_model=Task,
    dependencies=operators,
    summary="A department reports what it did",
)
def report_task(
    body: TaskReportIn,
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    task_id: Annotated[str, Path(min_length=1, max_length=100)],
) -> JSONResponse:
    audit(f"task:{task_id}", action="change")
    return answer(
        pun.report_task(store, task_id, by=principal.name, on=body.on, action=body.action), principal
    )


@router.get(
    "/tracking", response_model=Tracking, dependencies=analysts, summary="Restrictions and tasks counted"
)
def tracking(
    store: StoreDep,
    principal: PrincipalDep,
    as_of: AsOf = None,
    since: Annotated[dt.date | None, Query()] = None,
    until: Annotated[dt.date | None, Query()] = None,
    monthly: bool = True,
) -> JSONResponse:
    return answer(pun.tracking(store, as_of, since=since, until=until, monthly=monthly), principal)


__all__ = ["Page", "router"]
