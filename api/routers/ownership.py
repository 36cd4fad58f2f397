"""Ownership up and down, integrated owners, beneficial owners, the actual controller."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from api.auth import ANALYSTS, require
from api.deps import AuditDep, PrincipalDep, StoreDep, answer
from api.params import AsOfToday, bounded
from api.schemas.common import ERROR_RESPONSES
from api.schemas.ownership import BeneficialOwnership, Controller, EffectiveOwnership, OwnershipTree
from graph_credit import ownership as own
from graph_credit.params import OWNERSHIP_DEPTH, OWNERSHIP_MAX_NODES

router = APIRouter(
    prefix="/ownership",
    tags=["ownership"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require(*ANALYSTS))],
)

Subject = Annotated[str, Path(min_length=1, max_length=64, description="USCC or person key")]
Uscc = Annotated[str, Path(min_length=1, max_length=64, description="USCC of an enterprise")]
AsOf = AsOfToday
Depth = Annotated[int, bounded(OWNERSHIP_DEPTH)]
MaxNodes = Annotated[int, bounded(OWNERSHIP_MAX_NODES)]


@router.get("/{subject}/up", response_model=OwnershipTree, summary="Holders, their holders, ...")
def ownership_up(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    subject: Subject,
    as_of: AsOf = None,
    depth: Depth = own.DEFAULT_DEPTH,
    max_nodes: MaxNodes = own.DEFAULT_MAX_NODES,
) -> JSONResponse:
    audit(subject)
    return answer(own.ownership_up(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes), principal)


@router.get("/{subject}/down", response_model=OwnershipTree, summary="What a subject holds, and onwards")
def ownership_down(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    subject: Subject,
    as_of: AsOf = None,
    depth: Depth = own.DEFAULT_DEPTH,
    max_nodes: MaxNodes = own.DEFAULT_MAX_NODES,
) -> JSONResponse:
    audit(subject)
    return answer(
        own.ownership_down(store, subject, as_of=as_of, depth=depth, max_nodes=max_nodes), principal
    )


@router.get("/{uscc}/owners", response_model=EffectiveOwnership, summary="Integrated ownership, with paths")
def owners(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    uscc: Uscc,
    as_of: AsOf = None,
    depth: Depth = own.DEFAULT_DEPTH,
    max_nodes: MaxNodes = own.DEFAULT_MAX_NODES,
) -> JSONResponse:
    audit(uscc)
    return answer(own.effective_owners(store, uscc, as_of=as_of, depth=depth, max_nodes=max_nodes), principal)


@router.get(
    "/{uscc}/beneficial-owners",
    response_model=BeneficialOwnership,
    summary="Natural persons and state bodies at or above a share",
)
def beneficial_owners(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    uscc: Uscc,
    as_of: AsOf = None,
    threshold: Annotated[float, Query(gt=0, le=1, description="share, e.g. 0.25")] = own.DEFAULT_THRESHOLD,
    depth: Depth = own.DEFAULT_DEPTH,
    max_nodes: MaxNodes = own.DEFAULT_MAX_NODES,
) -> JSONResponse:
    audit(uscc)
    res = own.beneficial_owners(
        store, uscc, as_of=as_of, threshold=threshold, depth=depth, max_nodes=max_nodes
    )
    return answer(res, principal)


@router.get(
    "/{uscc}/controller", response_model=Controller, summary="The actual controller (majority control)"
)
def controller(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    uscc: Uscc,
    as_of: AsOf = None,
    depth: Depth = own.DEFAULT_DEPTH,
    max_nodes: MaxNodes = own.DEFAULT_MAX_NODES,
) -> JSONResponse:
    audit(uscc)
    return answer(
        own.actual_controller(store, uscc, as_of=as_of, depth=depth, max_nodes=max_nodes), principal
    )
