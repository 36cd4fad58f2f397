"""The query log for operators: list (filtered, paginated) and export as CSV."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from api.auth import OPERATORS, require
from api.deps import AuditDep, PagingDep, QueryLogDep
from api.schemas.audit import AuditEntryOut, AuditPage
from api.schemas.common import ERROR_RESPONSES, json_errors
from graph_credit.audit import Filter, csv_lines

router = APIRouter(
    prefix="/audit", tags=["audit"], responses=ERROR_RESPONSES, dependencies=[Depends(require(*OPERATORS))]
)


async def get_filter(
    who: Annotated[str | None, Query(max_length=100)] = None,
    subject: Annotated[str | None, Query(max_length=600)] = None,
    endpoint: Annotated[str | None, Query(max_length=200, description="e.g. GET /entities/{key}")] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[dt.datetime | None, Query(description="entries at or after (UTC if no zone)")] = None,
    until: Annotated[dt.datetime | None, Query(description="entries before (UTC if no zone)")] = None,
) -> Filter:
    return Filter(who=who, subject=subject, endpoint=endpoint, action=action, since=since, until=until)


FilterDep = Annotated[Filter, Depends(get_filter)]


@router.get("", response_model=AuditPage, summary="Entries of the query log, newest first")
def list_entries(log: QueryLogDep, audit: AuditDep, paging: PagingDep, f: FilterDep) -> AuditPage:
    audit("query-log", action="review")
    items = [
        AuditEntryOut(**dataclasses.asdict(e)) for e in log.list(f, limit=paging.limit, offset=paging.offset)
    ]
    total = log.count(f)
    return AuditPage(
        total=total,
        limit=paging.limit,
        offset=paging.offset,
        has_more=paging.offset + len(items) < total,
        items=items,
    )


@router.get(
    "/export.csv",
    summary="The matching entries as CSV, oldest first",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV with a header row"}, **json_errors()},
)
def export(log: QueryLogDep, audit: AuditDep, f: FilterDep) -> StreamingResponse:
    audit("query-log", action="export")
    return StreamingResponse(
        csv_lines(log.iter_all(f)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="query-log.csv"'},
    )
