"""The investment-attraction credit check: one candidate's result (grade, verdict, findings with
their paths and evidence), the choice offered for an ambiguous name, and the batch."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ApiModel
from api.schemas.graph import ACME, ZHANG, NodeRef, Path, RecordKind, RecordStatus, SearchHit
from graph_credit.screening.policy import Grade, Scope, Verdict  # the policy's vocabulary, as it is

MAX_BATCH = 10_000  # the schema's ceiling; GRAPH_CREDIT_API_MAX_BATCH sets the one in force


EX_RECORD = {
    "record_id": "R1",
    "kind": "blacklist",
    "category": "食品药品",
    "level": None,
    "authority": "佳木斯市市场监督管理局",
    "basis": "《食品安全法》",
    "act_date": "2019-06-01",
    "decision_date": "2021-05-01",
    "valid_until": "2024-05-01",
    "repairable": False,
    "status": "active",
    "monitoring_months": 24,
    "summary": "生产销售不符合安全标准的食品",
    "state": "history",
    "ended": "2024-05-01",
    "monitored_until": "2026-05-01",
    "monitoring_default": False,
    "relation": "subject",
}


class Candidate(ApiModel):
    """The enterprise checked, as registered."""

    uscc: str = Field(examples=[ACME])
    name: str | None = Field(None, examples=["佳木斯甲实业有限公司"])
    org_type: str | None = Field(None, examples=["enterprise"])
    status: str | None = Field(None, examples=["active"])
    established: dt.date | None = Field(None, examples=["2010-01-01"])
    registered_capital: float | None = Field(None, examples=[1000.0], description="万元")
    region_code: str | None = Field(None, examples=["230804"])
    industry: str | None = Field(None, examples=["C"], description="GB/T 4754 section")
    address: str | None = Field(
        None, examples=["佳木斯市前进区长安路1号"], description="null for an individual business (个体工商户)"
    )


class RecordEvidence(ApiModel):
    """A credit record as the check saw it, with its state on the check date."""

    record_id: str = Field(examples=["R1"])
    kind: RecordKind | None = Field(None, examples=["blacklist"])
    category: str | None = Field(None, examples=["食品药品"])
    level: str | None = Field(None, examples=[None], description="tax credit level")
    authority: str | None = Field(None, examples=["佳木斯市市场监督管理局"])
    basis: str | None = Field(None, examples=["《食品安全法》"])
    act_date: dt.date | None = Field(None, examples=["2019-06-01"])
    decision_date: dt.date | None = Field(None, examples=["2021-05-01"])
    valid_until: dt.date | None = Field(None, examples=["2024-05-01"])
    repairable: bool | None = Field(None, examples=[False])
    status: RecordStatus | None = Field(None, examples=["active"], description="the record's stored status")
    monitoring_months: int | None = Field(None, examples=[24])
    summary: str | None = Field(None, examples=["生产销售不符合安全标准的食品"])
    state: Literal["active", "under_objection", "history", "void", "future"] = Field(
        examples=["history"],
        description="on the check date: active; under_objection (measures suspended); history (expired or "
        "repaired); void (corrected or revoked); future (decided after the date)",
    )
    ended: dt.date | None = Field(
        None, examples=["2024-05-01"], description="for history: the day it stopped applying, if known"
    )
    monitored_until: dt.date | None = Field(
        None,
        examples=["2026-05-01"],
        description="for history: last day of key monitoring after exit (004 §20)",
    )
    monitoring_default: bool = Field(
        False,
        examples=[False],
        description="the monitoring period is the measure catalogue's default: the authority set none",
    )
    relation: Literal["subject", "responsible"] = Field("subject", examples=["subject"])

    model_config = ConfigDict(json_schema_extra={"examples": [EX_RECORD]})


class RestrictionEvidence(ApiModel):
    """A joint-punishment restriction on a subject, as the check saw it."""

    restriction_id: str = Field(examples=[f"R1|MARKET_ENTRY_BAN|legal_rep|{ZHANG}"])
    measure_code: str | None = Field(None, examples=["MARKET_ENTRY_BAN"])
    measure_name: str | None = Field(None, examples=["市场和行业禁入"])
    state: Literal["active", "suspended", "withdrawn", "ended"] = Field(examples=["active"])
    record_id: str | None = Field(None, examples=["R1"])
    record_kind: RecordKind | None = Field(None, examples=["blacklist"])
    record_status: RecordStatus | None = Field(None, examples=["active"])
    role: str | None = Field(None, examples=["legal_rep"])
    via_enterprise: str | None = Field(None, examples=[ACME])
    start: dt.date | None = Field(None, examples=["2021-05-01"])
    end: dt.date | None = Field(None, examples=["2024-05-01"])
    provenance: str | None = Field(None, examples=["record R1 (blacklist, 佳木斯市市场监督管理局) → ..."])


class Finding(ApiModel):
    """One match of one policy rule: what, where, why, and how much it weighs."""

    rule: str = Field(examples=["own-serious-history"])
    title: str = Field(examples=["本企业曾列入严重失信名单（已修复或已到期）"])
    scope: Scope = Field(examples=["subject"], description="where in the candidate's graph the rule looks")
    subject: NodeRef = Field(description="the node the rule matched at")
    relation: str = Field(examples=["本企业"], description="how that node relates to the candidate, in words")
    records: list[RecordEvidence] = Field(default_factory=list)
    restrictions: list[RestrictionEvidence] = Field(default_factory=list)
    path: Path = Field(description="from the candidate to the matched node (and its record)")
    base_weight: float = Field(examples=[15.0])
    weight: float = Field(
        examples=[6.12], description="what it adds to the score (after recency, cap, suspension)"
    )
    suspended: bool = Field(
        False, examples=[False], description="a record is under objection: weight suspended"
    )
    history: bool = Field(False, examples=[True], description="matched only records no longer in force")
    min_grade: Grade | None = Field(None, examples=[None], description="the grade it forces at least")
    min_verdict: Verdict | None = Field(None, examples=[None], description="the verdict it forces at least")
    text: str = Field(
        examples=[
            "本企业曾列入严重失信名单（已修复或已到期）：本企业，严重失信主体名单（食品药品） R1，佳木斯市市场监督管理局，2021-05-01 认定"
        ]
    )


class Officer(ApiModel):
    person: NodeRef
    role: str = Field(examples=["legal_rep"])
    since: dt.date | None = Field(None, examples=["2020-01-01"])
    until: dt.date | None = Field(None, examples=[None])
    restricted: bool = Field(False, examples=[False], description="under a restriction on the check date")


class Holder(ApiModel):
    party: NodeRef
    share: float | None = Field(examples=[0.6], description="integrated ownership in the candidate")
    direct: float = Field(examples=[0.6])
    controller: bool = Field(False, examples=[True])
    beneficial: bool = Field(False, examples=[True])
    path: Path | None = Field(
        None, description="the largest path of holdings from the holder to the candidate"
    )


class Tie(ApiModel):
    """Another enterprise a person around the candidate represents, serves or holds."""

    enterprise: NodeRef
    person: NodeRef
    person_role: str = Field(examples=["legal_rep"], description="the person's place at the candidate")
    edge: str = Field(examples=["HOLDS"])
    role: str | None = Field(None, examples=[None])
    ratio: float | None = Field(None, examples=[0.4])


class Outbound(ApiModel):
    enterprise: NodeRef
    ratio: float = Field(examples=[0.51], description="the candidate's share in it")


class StakesListing(ApiModel):
    """An enterprise holding more stakes than a check lists: how many it holds, how many were
    listed. The listed ones are the largest and every one whose enterprise carries something a
    rule of the scope looks at; the rest carry nothing a rule could match."""

    holder: NodeRef
    relation: Literal["outbound", "controller"] = Field(
        examples=["outbound"],
        description="outbound: the candidate's own stakes; controller: its enterprise controller's other stakes",
    )
    min_share: float = Field(examples=[0.05], description="smallest share counted")
    total: int = Field(examples=[1840], description="stakes of at least min_share in force on the check date")
    listed: int = Field(examples=[60], description="stakes listed and checked")
    largest: int = Field(examples=[50], description="how many of the listed are there for their size alone")


class ProjectTie(ApiModel):
    project: NodeRef
    kind: str | None = Field(None, examples=["procurement"])
    role: str | None = Field(None, examples=["bidder"])
    status: str | None = Field(None, examples=["completed"])
    outcome: str | None = Field(None, examples=["won"])
    started: dt.date | None = Field(None, examples=["2023-03-01"])
    ended: dt.date | None = Field(None, examples=["2023-12-31"])


class OwnershipSummary(ApiModel):
    controller: NodeRef | None = Field(None, description="the actual controller; null when there is none")
    control: float | None = Field(None, examples=[0.6])
    controller_message: str = Field(
        examples=[
            f"张三 ({ZHANG}) controls 佳木斯甲实业有限公司 ({ACME}) on 2024-06-30 with 60.0% of its capital"
        ]
    )
    chain: list[NodeRef] = Field(default_factory=list, description="controller first, candidate last")
    beneficial_message: str = Field(examples=["beneficial owners of 佳木斯甲实业有限公司 ... 张三 60.0%"])
    holders: list[Holder] = Field(default_factory=list, description="largest integrated share first")
    issues: list[str] = Field(default_factory=list, examples=[[]])


class GuaranteeSummary(ApiModel):
    links: int = Field(examples=[2], description="guarantees in force given or received by the candidate")
    chain_nodes: list[NodeRef] = Field(default_factory=list)
    circles: list[Path] = Field(default_factory=list, description="互保圈 through the candidate")
    notes: list[str] = Field(default_factory=list, examples=[[]])


class Incentive(ApiModel):
    red_list: bool = Field(False, examples=[False])
    clean_since: dt.date | None = Field(
        None, examples=["2012-03-01"], description="no bad record since this day"
    )
    clean_years: float | None = Field(None, examples=[12.3])
    reason: str = Field("", examples=["no bad record since 2012-03-01"])


class ScreeningResult(ApiModel):
    """The credit check of one candidate on one date: grade, verdict and everything behind them."""

    candidate: Candidate
    as_of: dt.date = Field(examples=["2024-06-30"])
    grade: Grade = Field(examples=["B"], description="A 诚信, B 轻微失信, C 较重失信, D 严重失信")
    grade_label: str = Field(examples=["轻微失信"])
    supervision: str = Field(
        examples=["按常规比例和频次抽查"], description="the supervision the grade calls for"
    )
    verdict: Verdict = Field(examples=["pass"])
    score: float = Field(examples=[6.12], description="sum of the findings' weights")
    verdict_reason: str = Field(examples=["得分 6.12，对应 B 级"])
    findings: list[Finding]
    records: list[RecordEvidence] = Field(description="the candidate's own records, newest first")
    ownership: OwnershipSummary
    officers: list[Officer]
    ties: list[Tie]
    outbound: list[Outbound]
    listings: list[StakesListing] = Field(
        default_factory=list, description="holders whose stakes were too many to list in full (N of M listed)"
    )
    guarantees: GuaranteeSummary
    projects: list[ProjectTie]
    incentive: Incentive
    policy: str = Field(
        examples=["grading.yaml (sha256:3f2a9c1e)"],
        description="the grading policy and digest the grade came from",
    )
    notes: list[str] = Field(default_factory=list, examples=[[]], description="limits of this answer")
    # Not promised: `queries` (how many engine queries the check issued: a diagnostic that changes
    # with the implementation).


class CandidateChoice(ApiModel):
    """A name that matches more than one enterprise (or none exactly): the candidates, not a guess."""

    query: str = Field(examples=["佳木斯"])
    candidates: list[SearchHit]
    message: str = Field(
        examples=["no enterprise is named exactly '佳木斯'; 3 names contain it: choose one by USCC"]
    )


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    candidates: list[str] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        examples=[["91350100M000100Y43", "佳木斯乙投资有限公司"]],
        description="USCCs or enterprise names (a name must match one enterprise)",
    )
    as_of: dt.date | None = Field(None, examples=["2024-06-30"], description="default today")


class BatchRow(BaseModel):
    query: str = Field(examples=["91350100M000100Y43"])
    uscc: str = Field(examples=["91350100M000100Y43"], description="empty when the query did not resolve")
    name: str = Field(examples=["佳木斯甲实业有限公司"])
    as_of: str = Field(examples=["2024-06-30"])
    grade: str = Field(examples=["C"], description="A-D, empty on error")
    verdict: str = Field(
        examples=["caution"], description="green_channel, pass, caution, reject; empty on error"
    )
    score: float | str = Field(examples=[42.5])
    findings: int | str = Field(examples=[2])
    top_finding: str = Field(examples=["法定代表人 张三 is a judgment debtor"])
    error: str = Field(examples=[""], description="why this candidate has no verdict")


class BatchOut(BaseModel):
    rows: list[BatchRow]
    total: int = Field(examples=[2])
    errors: int = Field(examples=[0])
    seconds: float = Field(examples=[0.12])
