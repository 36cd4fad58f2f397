"""What a credit check answers: pydantic models with business keys and the evidence behind them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field

from graph_credit.investigate import NodeRef, Path, SearchHit
from graph_credit.screening.policy import Grade, RecordState, Scope, Verdict


class Candidate(BaseModel):
    uscc: str
    name: str | None = None
    org_type: str | None = None
    status: str | None = None
    established: dt.date | None = None
    registered_capital: float | None = None
    region_code: str | None = None
    industry: str | None = None
    address: str | None = None


class RecordEvidence(BaseModel):
    """A credit record as the check saw it, with its state on the check date."""

    record_id: str
    kind: str | None = None
    category: str | None = None
    level: str | None = None
    authority: str | None = None
    basis: str | None = None
    act_date: dt.date | None = None
    decision_date: dt.date | None = None
    valid_until: dt.date | None = None
    repairable: bool | None = None
    status: str | None = Field(None, description="the record's stored status")
    monitoring_months: int | None = None
    summary: str | None = None
    state: RecordState | Literal["void", "future"] = Field(description="its state on the check date")
    ended: dt.date | None = Field(None, description="for history: the day it stopped applying, if known")
    monitored_until: dt.date | None = Field(
        None, description="for history: last day of key monitoring after exit (004 §20)"
    )
    monitoring_default: bool = Field(
        False, description="the monitoring period is the catalogue's default: the authority set none"
    )
    relation: Literal["subject", "responsible"] = "subject"

    def label(self) -> str:
        what = self.kind or "record"
        if self.level:
            what += f" {self.level}"
        return f"{what} {self.record_id}"


class RestrictionEvidence(BaseModel):
    """A joint-punishment restriction on a subject (graph_credit.punishment), as the check saw it."""

    restriction_id: str
    measure_code: str | None = None
    measure_name: str | None = None
    state: str = Field(description="active, suspended, withdrawn or ended")
    record_id: str | None = None
    record_kind: str | None = None
    record_status: str | None = None
    role: str | None = None
    via_enterprise: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    provenance: str | None = None


class Finding(BaseModel):
    """One match of one policy rule: what, where, why, and how much it weighs."""

    rule: str
    title: str
    scope: Scope
    subject: NodeRef = Field(description="the node the rule matched at")
    relation: str = Field(description="how that node relates to the candidate, in words")
    records: list[RecordEvidence] = Field(default_factory=list)
    restrictions: list[RestrictionEvidence] = Field(default_factory=list)
    path: Path = Field(description="from the candidate to the matched node (and its record)")
    base_weight: float
    weight: float = Field(description="what it adds to the score (after recency, cap, suspension)")
    suspended: bool = Field(False, description="a record is under objection: weight suspended")
    history: bool = Field(False, description="matched only records no longer in force")
    min_grade: Grade | None = None
    min_verdict: Verdict | None = None
    text: str


class Officer(BaseModel):
    person: NodeRef
    role: str
    since: dt.date | None = None
    until: dt.date | None = None
    restricted: bool = False


class Holder(BaseModel):
    party: NodeRef
    share: float | None = Field(description="integrated ownership in the candidate")
    direct: float
    controller: bool = False
    beneficial: bool = False
    path: Path | None = None


class Tie(BaseModel):
    """Another enterprise a person around the candidate represents, serves or holds."""

    enterprise: NodeRef
    person: NodeRef
    person_role: str = Field(description="the person's place at the candidate")
    edge: str
    role: str | None = None
    ratio: float | None = None


class Outbound(BaseModel):
    enterprise: NodeRef
    ratio: float


class StakesListing(BaseModel):
    """An enterprise holding more stakes than a check lists: how many it holds, how many were listed.

    The listed ones are the largest and, whatever their size, every one whose enterprise is the
    subject of a record of a kind a rule of the scope looks at (or is under a restriction): the
    ones not listed carry nothing a rule could match."""

    holder: NodeRef
    relation: Literal["outbound", "controller"] = Field(
        description="outbound: the candidate's own stakes; controller: its enterprise controller's other stakes"
    )
    min_share: float = Field(description="smallest share counted")
    total: int = Field(description="stakes of at least min_share in force on the check date")
    listed: int = Field(description="stakes listed and checked")
    largest: int = Field(description="how many of the listed are there for their size alone")


class ProjectTie(BaseModel):
    project: NodeRef
    kind: str | None = None
    role: str | None = None
    status: str | None = None
    outcome: str | None = None
    started: dt.date | None = None
    ended: dt.date | None = None


class OwnershipSummary(BaseModel):
    controller: NodeRef | None = None
    control: float | None = None
    controller_message: str
    chain: list[NodeRef] = Field(default_factory=list, description="controller first, candidate last")
    beneficial_message: str
    holders: list[Holder] = Field(default_factory=list, description="largest integrated share first")
    issues: list[str] = Field(default_factory=list)


class GuaranteeSummary(BaseModel):
    links: int = Field(description="guarantees in force given or received by the candidate")
    chain_nodes: list[NodeRef] = Field(default_factory=list)
    circles: list[Path] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Incentive(BaseModel):
    red_list: bool = False
    clean_since: dt.date | None = Field(None, description="no bad record since this day")
    clean_years: float | None = None
    reason: str = ""


class ScreeningResult(BaseModel):
    """The credit check of one candidate on one date: grade, verdict and everything behind them."""

    candidate: Candidate
    as_of: dt.date
    grade: Grade
    grade_label: str
    supervision: str
    verdict: Verdict
    score: float
    verdict_reason: str
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
    policy: str = Field(description="policy file and digest the grade came from")
    queries: int = Field(description="engine queries the check issued")
    notes: list[str] = Field(default_factory=list, description="limits of this answer")

    def to_frame(self) -> pd.DataFrame:
        """One row per finding."""
        rows = [
            {
                "rule": f.rule,
                "scope": f.scope,
                "subject_kind": f.subject.kind,
                "subject": f.subject.key,
                "subject_name": f.subject.name,
                "relation": f.relation,
                "records": ", ".join(r.record_id for r in f.records),
                "restrictions": ", ".join(r.restriction_id for r in f.restrictions),
                "weight": f.weight,
                "suspended": f.suspended,
                "history": f.history,
                "path": f.path.text(),
                "text": f.text,
            }
            for f in self.findings
        ]
        return pd.DataFrame(rows, columns=_FINDING_COLUMNS)

    def summary_row(self, query: str | None = None) -> dict[str, object]:
        top = max(self.findings, key=lambda f: f.weight, default=None)
        return {
            "query": query or self.candidate.uscc,
            "uscc": self.candidate.uscc,
            "name": self.candidate.name or "",
            "as_of": self.as_of.isoformat(),
            "grade": self.grade,
            "verdict": self.verdict,
            "score": round(self.score, 2),
            "findings": len(self.findings),
            "top_finding": top.text if top else "",
            "error": "",
        }


_FINDING_COLUMNS = [
    "rule",
    "scope",
    "subject_kind",
    "subject",
    "subject_name",
    "relation",
    "records",
    "restrictions",
    "weight",
    "suspended",
    "history",
    "path",
    "text",
]


class CandidateChoice(BaseModel):
    """A name that matches more than one enterprise (or none exactly): the candidates, not a guess."""

    query: str
    candidates: list[SearchHit]
    message: str

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([h.model_dump() for h in self.candidates])


BATCH_COLUMNS = [
    "query",
    "uscc",
    "name",
    "as_of",
    "grade",
    "verdict",
    "score",
    "findings",
    "top_finding",
    "error",
]


class BatchResult(BaseModel):
    rows: list[dict[str, object]]
    results: list[ScreeningResult | CandidateChoice | None] = Field(
        default_factory=list, description="per row, when kept: the full answer (None for errors)"
    )
    seconds: float
    workers: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=BATCH_COLUMNS)
