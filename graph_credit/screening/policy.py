"""The grading policy: rules with weights and thresholds, read from a YAML file an operator edits.

`load_policy(path)` validates the whole file and raises `InvalidInput` naming the file, the rule
(by id, or by position when it has none), the field and the reason. The shipped file is
`policy/grading.yaml` in the repository (graph_credit.resources finds it in an install);
`GRAPH_CREDIT_GRADING_POLICY` points elsewhere.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph_credit.errors import InvalidInput
from graph_credit.model import RecordKind
from graph_credit.resources import policy_file

DEFAULT_POLICY = policy_file("grading.yaml")

Grade = Literal["A", "B", "C", "D"]
Verdict = Literal["green_channel", "pass", "caution", "reject"]
GRADES: tuple[Grade, ...] = ("A", "B", "C", "D")
VERDICTS: tuple[Verdict, ...] = ("green_channel", "pass", "caution", "reject")

#: Where in the candidate's graph a rule looks (see policy/grading.yaml for each one's meaning).
Scope = Literal[
    "subject",
    "holder",
    "controller",
    "beneficial_owner",
    "legal_rep",
    "executive",
    "related",
    "outbound",
    "guarantee_circle",
    "guarantee_chain",
    "project",
]
#: A record's state on the check date: active (in force), under_objection (in force, measures
#: suspended while the objection is checked, 004 §27), history (expired or repaired: it happened,
#: it no longer applies). Corrected and revoked records never count.
RecordState = Literal["active", "under_objection", "history"]
_KINDS = {k.value for k in RecordKind}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GradeBand(_Strict):
    label: str
    max_score: float | None = Field(None, ge=0, description="highest score with this grade; D has none")
    supervision: str = Field(description="the supervision consequence (000 §18)")


class GreenChannel(_Strict):
    grades: list[Grade] = Field(default_factory=lambda: ["A"])
    clean_years: float = Field(3.0, ge=0, description="years without a bad record (004 §11)")
    red_list: bool = Field(True, description="an active red-list record opens it too")


class Recency(_Strict):
    half_life_years: float = Field(2.0, gt=0)
    horizon_years: float = Field(5.0, gt=0, description="older history counts nothing")


class BadRecords(_Strict):
    """What breaks a run of clean years."""

    kinds: list[str]
    tax_levels: list[str] = Field(default_factory=lambda: ["C", "D"])

    @field_validator("kinds")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        return _known_kinds(v)


class Limits(_Strict):
    upstream_depth: int = Field(6, ge=1, le=30)
    upstream_max_nodes: int = Field(2000, ge=1, le=50_000)
    beneficial_threshold: float = Field(0.25, gt=0, le=1)
    holder_min_share: float = Field(0.05, ge=0, le=1, description="holders below this are not checked")
    outbound_min_share: float = Field(0.2, ge=0, le=1)
    stakes_listed: int = Field(
        25,
        ge=0,
        description="stakes of one holder (the candidate, an enterprise controller) listed at most for "
        "their size; every stake whose enterprise has a record a rule looks at is listed as well",
    )
    ties_per_person: int = Field(200, ge=0, description="other enterprises checked per person at most")
    guarantee_hops: int = Field(3, ge=1, le=6)
    guarantee_max_nodes: int = Field(200, ge=1)


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    scope: Scope
    kinds: list[str] = Field(default_factory=list, description="record kinds; empty: any")
    categories: list[str] = Field(default_factory=list, description="record categories; empty: any")
    levels: list[str] = Field(default_factory=list, description="tax credit levels; empty: any")
    states: list[RecordState] = Field(default_factory=lambda: ["active", "under_objection"])
    restricted: bool = Field(False, description="match a joint-punishment restriction, not a record")
    monitoring: bool = Field(
        False, description="match only history records still in their key monitoring period (004 §20)"
    )
    outcomes: list[str] = Field(default_factory=list, description="project outcomes (scope project)")
    roles: list[str] = Field(default_factory=list, description="roles that count (officers, projects)")
    min_share: float = Field(0.0, ge=0, le=1, description="holders and outbound: smallest share counted")
    weight: float = Field(ge=0)
    recency: bool = Field(True, description="history findings fade with the policy's half-life")
    cap: float | None = Field(None, ge=0, description="most this rule adds to the score in total")
    min_grade: Grade | None = Field(None, description="a finding makes the grade at least this bad")
    min_verdict: Verdict | None = Field(None, description="a finding makes the verdict at least this")

    @field_validator("kinds")
    @classmethod
    def _known(cls, v: list[str]) -> list[str]:
        return _known_kinds(v)

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.scope == "project":
            if not self.outcomes:
                raise ValueError("a project rule needs outcomes")
        elif self.outcomes:
            raise ValueError("outcomes only apply to scope project")
        if self.monitoring and self.states != ["history"]:
            raise ValueError("a monitoring rule matches history records: set states: [history]")
        if self.restricted and (self.kinds or self.categories or self.levels):
            raise ValueError("a restriction rule matches restrictions, not record kinds")
        if self.restricted and self.scope in ("project", "guarantee_chain", "guarantee_circle"):
            raise ValueError(f"scope {self.scope} has no restrictions to match")
        return self


class Policy(_Strict):
    version: int = Field(ge=1)
    title: str = ""
    grades: dict[Grade, GradeBand]
    verdicts: dict[Grade, Verdict]
    green_channel: GreenChannel = GreenChannel()
    recency: Recency = Recency()
    bad_records: BadRecords
    limits: Limits = Limits()
    rules: list[Rule]
    # set by load_policy, not by the file
    source: str = Field("", exclude=True)
    digest: str = Field("", description="sha256 of the file, first 12 hex digits")

    @model_validator(mode="after")
    def _complete(self) -> Policy:
        missing = [g for g in GRADES if g not in self.grades]
        if missing:
            raise ValueError(f"grades: every grade A-D needs a band, missing {', '.join(missing)}")
        missing = [g for g in GRADES if g not in self.verdicts]
        if missing:
            raise ValueError(f"verdicts: every grade A-D needs a verdict, missing {', '.join(missing)}")
        last = -1.0
        for g in GRADES[:-1]:
            m = self.grades[g].max_score
            if m is None:
                raise ValueError(f"grades.{g}.max_score: required for every grade but D")
            if m < last:
                raise ValueError(f"grades.{g}.max_score: {m} is below the grade before it ({last})")
            last = m
        seen: set[str] = set()
        for r in self.rules:
            if r.id in seen:
                raise ValueError(f"rules: id {r.id!r} is used twice")
            seen.add(r.id)
        return self

    def grade_for(self, score: float) -> Grade:
        for g in GRADES[:-1]:
            if score <= (self.grades[g].max_score or 0.0) + 1e-9:
                return g
        return "D"


def _known_kinds(v: list[str]) -> list[str]:
    bad = [k for k in v if k not in _KINDS]
    if bad:
        raise ValueError(f"unknown record kind {', '.join(bad)} (known: {', '.join(sorted(_KINDS))})")
    return v


def _where(loc: tuple[Any, ...], raw: Any) -> str:
    """`rule own-serious field weight` for a rule's field, else the dotted path."""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = raw.get("rules") if isinstance(raw, dict) else None
        rid = None
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            rid = rules[loc[1]].get("id")
        name = f"rule {rid!r}" if rid else f"rule #{loc[1] + 1}"
        rest = ".".join(str(x) for x in loc[2:])
        return f"{name}, field {rest}" if rest else name
    return "field " + ".".join(str(x) for x in loc) if loc else "the file"


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise InvalidInput(f"{source}: the policy must be a mapping with version, grades, rules, ...")
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            msg = e["msg"].removeprefix("Value error, ")
            problems.append(f"{source}: {_where(tuple(e['loc']), raw)}: {msg}")
        raise InvalidInput("; ".join(problems)) from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return policy.model_copy(update={"source": source, "digest": digest})


def load_policy(path: Path | str | None = None) -> Policy:
    """Read and validate a policy file (the shipped one when `path` is None)."""
    p = Path(path) if path is not None else _configured()
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{p}: cannot read the grading policy: {exc.strerror}") from None
    return parse_policy(text, str(p))


def _configured() -> Path:
    from graph_credit.settings import get_settings

    return get_settings().grading_policy or DEFAULT_POLICY


@cache
def _cached(path: str, mtime: float) -> Policy:
    return load_policy(path)


def current_policy(path: Path | str | None = None) -> Policy:
    """The policy in force, re-read when the file changes (an operator's edit applies at once)."""
    p = Path(path) if path is not None else _configured()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return load_policy(p)  # raises the readable error
    return _cached(str(p), mtime)
