"""Neighbourhoods, paths, shared links, cycles, guarantee chains, records nearby, the catalogue."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from api.auth import ANALYSTS, require
from api.deps import AuditDep, PagingDep, PrincipalDep, StoreDep, answer
from api.params import AsOfAnyPeriod, bounded
from api.schemas.common import ERROR_RESPONSES
from api.schemas.investigate import (
    Catalogue,
    Cycles,
    GuaranteeChains,
    Neighbourhood,
    PathResult,
    RecordsNearPage,
    SharedLinksPage,
)
from graph_credit import investigate as inv
from graph_credit import params as P
from graph_credit.model import RecordKind, RecordStatus

router = APIRouter(
    prefix="/investigate",
    tags=["investigate"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require(*ANALYSTS))],
)

Subject = Annotated[
    str, Path(min_length=1, max_length=64, description="USCC, person key, project code or record id")
]
Uscc = Annotated[str, Path(min_length=1, max_length=64, description="USCC of an enterprise")]
AsOf = AsOfAnyPeriod
EdgeKind = Literal["HOLDS", "LEGAL_REP_OF", "SERVES_AS", "SUBJECT_OF", "RESPONSIBLE_FOR", "PARTICIPATES_IN", "GUARANTEES", "BRANCH_OF"]  # fmt: skip
NodeKind = Literal["Enterprise", "Person", "Project", "CreditRecord"]
RelationEdge = Literal["HOLDS", "LEGAL_REP_OF", "SERVES_AS", "GUARANTEES", "BRANCH_OF"]
LinkKind = Literal["legal_rep", "shareholder", "executive", "cross_role", "address", "phone"]
EdgeKinds = Annotated[list[EdgeKind] | None, Query(description="default: every kind")]


@router.get("/{subject}/neighbourhood", response_model=Neighbourhood, summary="Nodes and edges within k hops")
def neighbourhood(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    subject: Subject,
    hops: Annotated[int, bounded(P.NEIGHBOUR_HOPS)] = P.NEIGHBOUR_HOPS.default,
    node_kinds: Annotated[list[NodeKind] | None, Query(description="default: every kind")] = None,
    edge_kinds: EdgeKinds = None,
    as_of: AsOf = None,
    max_nodes: Annotated[int, bounded(P.NEIGHBOUR_MAX_NODES)] = P.NEIGHBOUR_MAX_NODES.default,
    max_neighbours: Annotated[int, bounded(P.NEIGHBOUR_MAX_NEIGHBOURS)] = P.NEIGHBOUR_MAX_NEIGHBOURS.default,
) -> JSONResponse:
    audit(subject)
    res = inv.neighbourhood(
        store,
        subject,
        hops=hops,
        node_kinds=node_kinds,
        edge_kinds=edge_kinds,
        as_of=as_of,
        max_nodes=max_nodes,
        max_neighbours=max_neighbours,
    )
    return answer(res, principal)


@router.get("/paths/shortest", response_model=PathResult, summary="Shortest paths between two subjects")
def shortest_path(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    source: Annotated[str, Query(min_length=1, max_length=64)],
    target: Annotated[str, Query(min_length=1, max_length=64)],
    max_hops: Annotated[int, bounded(P.SHORTEST_PATH_HOPS)] = P.SHORTEST_PATH_HOPS.default,
    edge_kinds: EdgeKinds = None,
    as_of: AsOf = None,
    max_paths: Annotated[int, bounded(P.SHORTEST_MAX_PATHS)] = P.SHORTEST_MAX_PATHS.default,
) -> JSONResponse:
    audit([source, target])
    res = inv.shortest_path(
        store, source, target, max_hops=max_hops, edge_kinds=edge_kinds, as_of=as_of, max_paths=max_paths
    )
    return answer(res, principal)


@router.get("/paths/all", response_model=PathResult, summary="Every simple path up to k hops")
def all_paths(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    source: Annotated[str, Query(min_length=1, max_length=64)],
    target: Annotated[str, Query(min_length=1, max_length=64)],
    max_hops: Annotated[int, bounded(P.ALL_PATHS_HOPS)] = P.ALL_PATHS_HOPS.default,
    edge_kinds: EdgeKinds = None,
    as_of: AsOf = None,
    max_paths: Annotated[int, bounded(P.ALL_PATHS_MAX_PATHS)] = P.ALL_PATHS_MAX_PATHS.default,
) -> JSONResponse:
    audit([source, target])
    res = inv.all_paths(
        store, source, target, max_hops=max_hops, edge_kinds=edge_kinds, as_of=as_of, max_paths=max_paths
    )
    return answer(res, principal)


@router.get(
    "/{uscc}/shared-links",
    response_model=SharedLinksPage,
    summary="疑似关联: shared persons, addresses, phones",
)
def shared_links(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    paging: PagingDep,
    uscc: Uscc,
    as_of: AsOf = None,
    kinds: Annotated[list[LinkKind] | None, Query(description="default: every kind of link")] = None,
    per_link: Annotated[int, bounded(P.SHARED_PER_LINK)] = P.SHARED_PER_LINK.default,
) -> JSONResponse:
    audit(uscc)
    res = inv.shared_links(store, uscc, as_of=as_of, kinds=kinds, per_link=per_link)
    return answer(SharedLinksPage.of(res, paging.limit, paging.offset), principal)


@router.get("/{uscc}/cycles", response_model=Cycles, summary="Circular holdings or guarantee circles")
def cycles(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    uscc: Uscc,
    edge: Annotated[
        Literal["HOLDS", "GUARANTEES"], Query(description="HOLDS: 交叉持股; GUARANTEES: 互保圈")
    ] = "HOLDS",
    max_hops: Annotated[int, bounded(P.CYCLE_HOPS)] = P.CYCLE_HOPS.default,
    as_of: AsOf = None,
    max_cycles: Annotated[int, bounded(P.MAX_CYCLES)] = P.MAX_CYCLES.default,
) -> JSONResponse:
    audit(uscc)
    fn = inv.circular_holdings if edge == "HOLDS" else inv.guarantee_circles
    return answer(fn(store, uscc, max_hops=max_hops, as_of=as_of, max_cycles=max_cycles), principal)


@router.get("/{uscc}/guarantee-chains", response_model=GuaranteeChains, summary="担保链 down, up or both")
def guarantee_chains(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    uscc: Uscc,
    direction: Literal["down", "up", "both"] = "both",
    max_hops: Annotated[int, bounded(P.CHAIN_HOPS)] = P.CHAIN_HOPS.default,
    as_of: AsOf = None,
    max_nodes: Annotated[int, bounded(P.CHAIN_MAX_NODES)] = P.CHAIN_MAX_NODES.default,
    max_chains: Annotated[int, bounded(P.CHAIN_MAX_CHAINS)] = P.CHAIN_MAX_CHAINS.default,
) -> JSONResponse:
    audit(uscc)
    res = inv.guarantee_chains(
        store,
        uscc,
        direction=direction,
        max_hops=max_hops,
        as_of=as_of,
        max_nodes=max_nodes,
        max_chains=max_chains,
    )
    return answer(res, principal)


@router.get("/{subject}/records-near", response_model=RecordsNearPage, summary="Credit records within k hops")
def records_near(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    paging: PagingDep,
    subject: Subject,
    hops: Annotated[int, bounded(P.RECORDS_NEAR_HOPS)] = P.RECORDS_NEAR_HOPS.default,
    record_kinds: Annotated[list[RecordKind] | None, Query()] = None,
    statuses: Annotated[list[RecordStatus] | None, Query()] = None,
    edge_kinds: Annotated[list[RelationEdge] | None, Query(description="default: every relation")] = None,
    as_of: AsOf = None,
) -> JSONResponse:
    audit(subject)
    res = inv.records_near(
        store,
        subject,
        hops=hops,
        record_kinds=[k.value for k in record_kinds] if record_kinds else None,
        statuses=[s.value for s in statuses] if statuses else None,
        edge_kinds=edge_kinds or inv.RELATION_EDGES,
        as_of=as_of,
    )
    return answer(RecordsNearPage.of(res, paging.limit, paging.offset), principal)


@router.get("/catalogue", response_model=Catalogue, summary="Investigator functions and named queries")
def catalogue(
    principal: PrincipalDep,
    area: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
) -> JSONResponse:
    return answer(inv.catalogue(area), principal)
