"""Nodes, edges and paths as every area's answers show them (investigation, screening, search).

The EX_ dicts are example values shared by the schemas of several areas."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from api.schemas.common import ApiModel

NodeKind = Literal["Enterprise", "Person", "Project", "CreditRecord"]
EdgeKind = Literal[
    "HOLDS",
    "LEGAL_REP_OF",
    "SERVES_AS",
    "SUBJECT_OF",
    "RESPONSIBLE_FOR",
    "PARTICIPATES_IN",
    "GUARANTEES",
    "BRANCH_OF",
]
RecordKind = Literal[
    "blacklist",
    "judgment_debtor",
    "admin_penalty",
    "admin_licence",
    "abnormal_operation",
    "tax_credit",
    "procurement_bad_conduct",
    "red_list",
]
RecordStatus = Literal["active", "under_objection", "corrected", "revoked", "repaired", "expired"]

ACME = "91350100M000100Y43"
HOLDCO = "91110000600037341L"
ZHANG = "P2807285b25a40ad3be65adf0f764fc0a"

EX_ENTERPRISE = {
    "kind": "Enterprise",
    "key": ACME,
    "name": "佳木斯甲实业有限公司",
    "status": "active",
    "subkind": None,
    "id_masked": None,
}
EX_PERSON = {
    "kind": "Person",
    "key": ZHANG,
    "name": "张三",
    "status": None,
    "subkind": None,
    "id_masked": "1101**********002X",
}
EX_HOLDS = {
    "kind": "HOLDS",
    "src_kind": "Person",
    "src": ZHANG,
    "dst_kind": "Enterprise",
    "dst": ACME,
    "eid": f"H|{ZHANG}|{ACME}|2015-01-01",
    "role": None,
    "ratio": 0.6,
    "amount": None,
    "since": "2015-01-01",
    "until": None,
}


class NodeRef(ApiModel):
    """A node by business key, with display fields. Persons carry only the name and the masked
    ID number, and the ID only for roles that may see it."""

    kind: NodeKind = Field(examples=["Enterprise"])
    key: str = Field(
        examples=[ACME],
        description="USCC of an enterprise, person key (keyed hash), project code or record id",
    )
    name: str | None = Field(
        None, examples=["佳木斯甲实业有限公司"], description="for the public role a person's family name only"
    )
    status: str | None = Field(None, examples=["active"])
    subkind: str | None = Field(
        None, examples=[None], description="project kind or credit-record kind (blacklist, tax_credit, ...)"
    )
    id_masked: str | None = Field(
        None,
        examples=[None],
        description="a person's ID number, already masked (1101**********002X); null for other roles",
    )

    model_config = ConfigDict(json_schema_extra={"examples": [EX_ENTERPRISE, EX_PERSON]})


class EdgeRef(ApiModel):
    """An edge between two nodes by business key, with the fields its kind carries."""

    kind: EdgeKind = Field(examples=["HOLDS"])
    src_kind: NodeKind = Field(examples=["Person"])
    src: str = Field(examples=[ZHANG])
    dst_kind: NodeKind = Field(examples=["Enterprise"])
    dst: str = Field(examples=[ACME])
    eid: str | None = Field(None, examples=[EX_HOLDS["eid"]], description="the edge's id as loaded")
    role: str | None = Field(
        None, examples=[None], description="LEGAL_REP_OF, SERVES_AS, PARTICIPATES_IN: the role held"
    )
    ratio: float | None = Field(None, examples=[0.6], description="HOLDS: the share, 0-1")
    amount: float | None = Field(
        None, examples=[None], description="GUARANTEES: the amount guaranteed (万元)"
    )
    since: dt.date | None = Field(None, examples=["2015-01-01"])
    until: dt.date | None = Field(None, examples=[None], description="last day in force; null: open")

    model_config = ConfigDict(json_schema_extra={"examples": [EX_HOLDS]})


class Path(ApiModel):
    """A path as node and edge lists: `edges[i]` joins `nodes[i]` and `nodes[i + 1]`; `parallel`
    holds other edges between the same consecutive nodes."""

    nodes: list[NodeRef] = Field(examples=[[EX_PERSON, EX_ENTERPRISE]])
    edges: list[EdgeRef] = Field(examples=[[EX_HOLDS]])
    parallel: list[EdgeRef] = Field([], examples=[[]])
    through_hubs: list[str] = Field(
        [], examples=[[]], description="keys of nodes on the path too connected to be expanded in full"
    )


class SearchHit(ApiModel):
    kind: Literal["Enterprise", "Person"] = Field(examples=["Enterprise"])
    key: str = Field(examples=[HOLDCO])
    name: str | None = Field(examples=["佳木斯乙投资有限公司"])
    match: Literal["uscc", "exact", "prefix", "contains"] = Field(
        examples=["prefix"], description="how the name or key matched the query"
    )
    rank: int = Field(examples=[2], description="lower is a better match")
    status: str | None = Field(None, examples=["active"])
    id_masked: str | None = Field(
        None, examples=[None], description="persons only, for roles that may see it"
    )
