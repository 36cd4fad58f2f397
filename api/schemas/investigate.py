"""Investigator answers: neighbourhoods, paths, shared links, cycles, guarantee chains, records
nearby, and the catalogue of functions and named queries."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from api.schemas.common import ApiModel, Page
from api.schemas.graph import (
    EX_ENTERPRISE,
    EX_HOLDS,
    EX_PERSON,
    HOLDCO,
    EdgeRef,
    NodeRef,
    Path,
    RecordKind,
    RecordStatus,
)
from graph_credit.investigate import RecordsNear, SharedLinks


def _as_of() -> Any:
    return Field(examples=["2024-06-30"], description="edges in force on this day; null: any period")


def _notes() -> Any:
    return Field(examples=[[]], description="limits of this answer, in words")


class Truncation(ApiModel):
    """Edges of one kind and direction at one node that the answer leaves out, counted exactly."""

    node: NodeRef
    edge: str = Field(examples=["HOLDS"])
    direction: Literal["out", "in"] = Field(examples=["in"])
    total: int = Field(examples=[1200], description="such edges at the node")
    shown: int = Field(examples=[25])
    reason: Literal["max_neighbours", "max_nodes"] = Field(examples=["max_neighbours"])


class Unexpanded(ApiModel):
    """A node reached but not expanded because the node cap was full."""

    node: NodeRef
    depth: int = Field(examples=[2])
    degree: int = Field(examples=[340], description="edges of any kind and period at the node")


class NeighbourNode(NodeRef):
    depth: int = Field(examples=[1], description="hops from the subject")

    model_config = ConfigDict(json_schema_extra={"examples": [{**EX_PERSON, "depth": 1}]})


class Neighbourhood(ApiModel):
    subject: NodeRef
    hops: int = Field(examples=[2])
    as_of: dt.date | None = _as_of()
    edge_kinds: list[str] = Field(examples=[["HOLDS", "LEGAL_REP_OF", "SERVES_AS"]])
    node_kinds: list[str] = Field(examples=[["Enterprise", "Person"]])
    max_nodes: int = Field(examples=[300])
    max_neighbours: int = Field(examples=[25])
    nodes: list[NeighbourNode] = Field(examples=[[{**EX_ENTERPRISE, "depth": 0}, {**EX_PERSON, "depth": 1}]])
    edges: list[EdgeRef] = Field(examples=[[EX_HOLDS]])
    truncated: list[Truncation] = Field(
        description="what the caps left out, per node, edge kind and direction"
    )
    unexpanded: list[Unexpanded]


class HubNote(ApiModel):
    node: NodeRef
    degree: int = Field(examples=[5200])


class PathResult(ApiModel):
    source: NodeRef
    target: NodeRef
    mode: Literal["shortest", "all"] = Field(examples=["shortest"])
    max_hops: int = Field(examples=[8])
    as_of: dt.date | None = _as_of()
    edge_kinds: list[str] = Field(examples=[["HOLDS", "LEGAL_REP_OF"]])
    paths: list[Path]
    complete: bool = Field(
        examples=[True], description="the search covered every path it was asked for within max_hops"
    )
    hubs_not_expanded: list[HubNote] = Field(description="nodes too connected to search through")
    notes: list[str] = _notes()
    nodes_expanded: int = Field(examples=[2])
    edges_fetched: int = Field(examples=[7])


class SharedLink(ApiModel):
    """Another enterprise linked to the subject through a shared person, address or phone."""

    enterprise: NodeRef
    link: Literal["legal_rep", "shareholder", "executive", "cross_role", "address", "phone"] = Field(
        examples=["cross_role"]
    )
    via: NodeRef | None = Field(None, description="the shared person")
    value: str | None = Field(None, examples=[None], description="the shared address or phone")
    here: str | None = Field(
        None, examples=["LEGAL_REP_OF"], description="the shared party's edge to the subject (kind and role)"
    )
    there: str | None = Field(
        None, examples=["HOLDS 40.00%"], description="the shared party's edge to the other enterprise"
    )


class Cycle(Path):
    share: float | None = Field(
        None, examples=[0.12], description="for HOLDS, the product of the ratios around the cycle"
    )


class Cycles(ApiModel):
    subject: NodeRef
    edge_kind: Literal["HOLDS", "GUARANTEES"] = Field(examples=["HOLDS"])
    max_hops: int = Field(examples=[6])
    as_of: dt.date | None = _as_of()
    cycles: list[Cycle]
    complete: bool = Field(examples=[True])
    notes: list[str] = _notes()


class ChainNode(NodeRef):
    direction: Literal["down", "up"] = Field(
        examples=["down"], description="down: guaranteed by the subject's chain; up: guaranteeing it"
    )
    depth: int = Field(examples=[1])

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **EX_ENTERPRISE,
                    "key": HOLDCO,
                    "name": "佳木斯乙投资有限公司",
                    "direction": "down",
                    "depth": 1,
                }
            ]
        }
    )


class GuaranteeChains(ApiModel):
    """Chains of GUARANTEES from a subject: `down` follows whom it guarantees (its exposure), `up`
    follows who guarantees it."""

    subject: NodeRef
    direction: Literal["down", "up", "both"] = Field(examples=["both"])
    max_hops: int = Field(examples=[4])
    as_of: dt.date | None = _as_of()
    nodes: list[ChainNode]
    chains: list[Path]
    truncated: list[Truncation]
    notes: list[str] = _notes()


class RecordRef(ApiModel):
    record_id: str = Field(examples=["R1"])
    kind: RecordKind | None = Field(examples=["blacklist"])
    status: RecordStatus | None = Field(examples=["active"])
    category: str | None = Field(None, examples=["食品药品"])
    level: str | None = Field(None, examples=[None], description="tax credit level A-D, M")
    authority: str | None = Field(None, examples=["佳木斯市市场监督管理局"])
    decision_date: dt.date | None = Field(None, examples=["2021-05-01"])
    valid_until: dt.date | None = Field(None, examples=["2024-05-01"])
    summary: str | None = Field(None, examples=["生产销售不符合安全标准的食品"])


class RecordNear(ApiModel):
    record: RecordRef
    holder: NodeRef = Field(description="the record's subject or responsible person")
    relation: Literal["subject", "responsible"] = Field(examples=["responsible"])
    distance: int = Field(examples=[1], description="hops from the subject to the record's holder")
    path: Path = Field(description="from the subject to the holder, then to the record")


class ParamInfo(ApiModel):
    name: str = Field(examples=["hops"])
    type: str = Field(examples=["int"])
    default: str | None = Field(examples=["2"])
    required: bool = Field(examples=[False])


class FunctionInfo(ApiModel):
    # Not promised: `module`, the Python module that holds the function.
    name: str = Field(examples=["neighbourhood"])
    purpose: str = Field(examples=["Nodes and edges within `hops` (1-4) of a subject, ..."])
    params: list[ParamInfo]
    cli: str | None = Field(examples=["neighbours"], description="the CLI command that runs it")


class QueryInfo(ApiModel):
    name: str = Field(examples=["investigate/edges_enterprise"])
    purpose: str = Field(
        examples=[
            "every edge touching one Enterprise (of any kind and period: the caller filters), with the far node's key"
        ]
    )
    mode: Literal["read", "write"] = Field(examples=["read"])
    params: list[str] = Field(examples=[["key", "as_of"]])
    engines: list[str] = Field(
        examples=[["ladybug", "neo4j"]],
        description="engines with a variant of their own; empty: one shared text",
    )


class Catalogue(ApiModel):
    """What investigators can run: the library's functions and the named queries."""

    functions: list[FunctionInfo]
    queries: list[QueryInfo]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "functions": [
                        {
                            "name": "neighbourhood",
                            "purpose": "Nodes and edges within `hops` (1-4) of a subject, ...",
                            "params": [{"name": "hops", "type": "int", "default": "2", "required": False}],
                            "cli": "neighbours",
                        }
                    ],
                    "queries": [
                        {
                            "name": "investigate/edges_enterprise",
                            "purpose": "every edge touching one Enterprise (of any kind and period: the caller filters), with the far node's key",
                            "mode": "read",
                            "params": ["key"],
                            "engines": ["ladybug", "neo4j"],
                        }
                    ],
                }
            ]
        }
    )


class SharedLinksPage(Page[SharedLink]):
    subject: NodeRef
    as_of: dt.date | None = _as_of()
    truncated: list[str] = Field(examples=[[]], description="what the per-link caps left out")

    @classmethod
    def of(cls, res: SharedLinks, limit: int, offset: int) -> SharedLinksPage:
        items = res.links
        return cls(
            subject=res.subject,
            as_of=res.as_of,
            truncated=res.truncated,
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )


class RecordsNearPage(Page[RecordNear]):
    subject: NodeRef
    hops: int = Field(examples=[2])
    as_of: dt.date | None = _as_of()
    subjects_searched: int = Field(examples=[37])
    truncated: list[str] = Field(examples=[[]])

    @classmethod
    def of(cls, res: RecordsNear, limit: int, offset: int) -> RecordsNearPage:
        items = res.records
        return cls(
            subject=res.subject,
            hops=res.hops,
            as_of=res.as_of,
            subjects_searched=res.subjects_searched,
            truncated=res.truncated,
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )
