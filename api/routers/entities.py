"""Finding subjects and reading one subject's own fields."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from api.auth import ApiRole
from api.deps import AuditDep, PagingDep, PrincipalDep, StoreDep, answer
from api.errors import ApiError
from api.schemas.common import ERROR_RESPONSES
from api.schemas.entities import EntityOut, SearchPage
from graph_credit.entities import entity_detail
from graph_credit.investigate import search

router = APIRouter(prefix="/entities", tags=["entities"], responses=ERROR_RESPONSES)

SubjectKind = Literal["Enterprise", "Person"]
NodeKind = Literal["Enterprise", "Person", "Project", "CreditRecord"]


@router.get("/search", response_model=SearchPage, summary="Search enterprises and persons by USCC or name")
def search_entities(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    paging: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="USCC, or part of a name")],
    kinds: Annotated[list[SubjectKind] | None, Query(description="default: both")] = None,
    partial: Annotated[bool, Query(description="also names starting with / containing q")] = True,
) -> JSONResponse:
    wanted = list(dict.fromkeys(kinds or ["Enterprise", "Person"]))
    if principal.role is ApiRole.PUBLIC:
        wanted = [
            "Enterprise"
        ]  # the public looks up enterprises; published person records come masked elsewhere
    audit(f"search:{q}")
    res = search(store, q, kinds=wanted, partial=partial, limit=paging.limit, offset=paging.offset)
    page = SearchPage(
        query=res.query,
        kinds=res.kinds,
        total=None,
        limit=res.limit,
        offset=res.offset,
        has_more=res.has_more,
        items=res.hits,
    )
    return answer(page, principal)


@router.get("/{key}", response_model=EntityOut, summary="One subject's own fields")
def get_entity(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    key: Annotated[
        str, Path(min_length=1, max_length=64, description="USCC, person key, project code or record id")
    ],
    kind: Annotated[NodeKind | None, Query(description="look only for this kind")] = None,
) -> JSONResponse:
    audit(key)
    if principal.role is ApiRole.PUBLIC and kind not in (None, "Enterprise"):
        raise ApiError(403, "forbidden", "the public role reads enterprises only")
    detail = entity_detail(store, key, kind="Enterprise" if principal.role is ApiRole.PUBLIC else kind)
    return answer(EntityOut(**detail.model_dump()), principal)
