"""Dependencies as `Annotated` aliases: the store, the settings, the caller, the query log, paging.

They do no blocking work, so they are `async def`: FastAPI runs a sync dependency in the thread
pool, one hop per dependency per request, which cost more than the lookups themselves under
load. The routes stay sync (the engine blocks) and run in the pool once."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.auth import Principal, authenticate
from api.errors import ApiError
from api.masking import mask
from graph_credit.apikeys import ApiRole
from graph_credit.audit import QueryLog
from graph_credit.settings import Settings
from graph_credit.store.base import GraphStore

_PERSON_KEY = re.compile(r"^[PR][0-9a-f]{32}$")


async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_log(request: Request) -> QueryLog:
    return request.app.state.query_log


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PrincipalDep = Annotated[Principal, Depends(authenticate)]
QueryLogDep = Annotated[QueryLog, Depends(get_log)]


def is_person_key(key: str) -> bool:
    return bool(_PERSON_KEY.match(key))


@dataclass
class Audit:
    """Registers a query before it runs (登记, then 查询): if the entry cannot be written the
    query does not run."""

    log: QueryLog
    principal: Principal
    endpoint: str
    purpose: str | None
    client: str | None

    def __call__(self, subjects: str | Sequence[str], action: str = "read") -> None:
        subs = [subjects] if isinstance(subjects, str) else list(subjects)
        subs = [s.strip() for s in subs if s and s.strip()] or ["-"]
        if (
            self.principal.role in (ApiRole.SCREENING, ApiRole.INVESTIGATOR)
            and not self.purpose
            and any(is_person_key(s) for s in subs)
        ):
            raise ApiError(
                400,
                "purpose_required",
                "a query about a person needs a stated purpose: send the X-Purpose header or a purpose parameter",
            )
        self.log.record(
            who=self.principal.name,
            role=self.principal.role.value,
            action=action,
            endpoint=self.endpoint,
            subjects=subs,
            purpose=self.purpose,
            client=self.client,
        )


async def get_audit(
    request: Request,
    principal: PrincipalDep,
    purpose: Annotated[
        str | None,
        Query(max_length=200, description="why the query is made (recorded in the query log)"),
    ] = None,
    x_purpose: Annotated[
        str | None,
        Header(max_length=600, description="why the query is made; percent-encode non-ASCII text"),
    ] = None,
) -> Audit:
    stated = purpose or (urllib.parse.unquote(x_purpose) if x_purpose else None)
    route = request.scope.get("route")
    endpoint = f"{request.method} {getattr(route, 'path', request.url.path)}"
    client = request.client.host if request.client else None
    return Audit(request.app.state.query_log, principal, endpoint, (stated or "").strip() or None, client)


AuditDep = Annotated[Audit, Depends(get_audit)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def get_paging(
    limit: Annotated[int, Query(ge=1, le=200, description="items per page")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(get_paging)]


def answer(
    data: BaseModel | dict[str, Any] | list[Any], principal: Principal, status: int = 200
) -> JSONResponse:
    """The answer as JSON, masked for the caller's role (response models document its shape)."""
    raw = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
    return JSONResponse(mask(raw, principal.role), status_code=status)
