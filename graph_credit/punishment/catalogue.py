"""The measure catalogue (联合奖惩措施清单, 004 §19-§20): policy as a YAML file an operator edits.

`load_catalogue()` validates the file and names the file, measure code, field and reason of the
first thing wrong with it, so an operator can fix it without reading code.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph_credit.errors import InvalidInput
from graph_credit.model import RecordKind
from graph_credit.resources import policy_file

DEFAULT_CATALOGUE = policy_file("measures.yaml")

TargetRole = Literal[
    "subject",
    "legal_rep",
    "principal",
    "responsible",
    "director",
    "supervisor",
    "manager",
    "shareholder",
    "actual_controller",
]
# The subject enterprise's actual controller (实际控制人) on the act date: the natural person at the
# top of the ownership module's majority-control chain (punishment/controllers.py).
ACTUAL_CONTROLLER = "actual_controller"
# Target roles that are not offices on the register.
NOT_OFFICES = frozenset({"subject", "responsible", ACTUAL_CONTROLLER})
# Target roles reached through an office (or a holding) of the subject enterprise: which offices
# each one covers is catalogue data (`target_roles`), since it is a reading of the law.
OfficeTargetRole = Literal["legal_rep", "principal", "director", "supervisor", "manager", "shareholder"]
# Offices as written on the role edges (roles.csv, and `shareholder` for a person's holding).
Office = Literal[
    "legal_rep", "principal", "chair", "director", "supervisor", "manager", "finance_head", "shareholder"
]
# Kinds of target a measure can bind: a unit (an enterprise or other organisation) or a natural person.
TargetKind = Literal["unit", "person"]
KIND_OF_TARGET: dict[str, TargetKind] = {"Enterprise": "unit", "Person": "person"}
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_TAX_LEVELS = {"A", "B", "C", "D", "M"}


def _check_code(v: str) -> str:
    if not _CODE.match(v):
        raise ValueError("code must be upper case letters, digits and _ (e.g. PUBLIC_FUNDS)")
    return v


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(_Strict):
    """Record kinds (optionally narrowed to tax levels or categories) that a rule applies to."""

    kind: RecordKind
    levels: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @field_validator("levels")
    @classmethod
    def _levels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [x for x in v if x not in _TAX_LEVELS]
        if bad:
            raise ValueError(f"levels {bad} are not tax credit levels (A, B, C, D, M)")
        return v

    def mask(self, records: pd.DataFrame) -> pd.Series:
        m = records["kind"] == self.kind.value
        if self.levels:
            m &= records["level"].isin(self.levels)
        if self.categories:
            m &= records["category"].isin(self.categories)
        return m


def matches(triggers: tuple[Trigger, ...], records: pd.DataFrame) -> pd.Series:
    out = pd.Series(False, index=records.index)
    for t in triggers:
        out |= t.mask(records)
    return out


class Duration(_Strict):
    rule: Literal["validity", "months", "validity_or_months"]
    months: int | None = Field(None, ge=1, le=1200)

    @model_validator(mode="after")
    def _months_given(self) -> Duration:
        if self.rule != "validity" and self.months is None:
            raise ValueError(f"rule {self.rule!r} needs months")
        return self


class OfficeTarget(_Strict):
    """What a target role means: the offices on the register it covers, and why."""

    name: str = Field(min_length=1)
    offices: tuple[Office, ...] = Field(min_length=1)
    basis: str = Field(min_length=1)


class Measure(_Strict):
    code: str
    name: str = Field(min_length=1)
    means: str = Field(min_length=1)
    triggers: tuple[Trigger, ...] = Field(min_length=1)
    targets: tuple[TargetRole, ...] = Field(min_length=1)
    responsible_only: tuple[TargetRole, ...] = ()
    bars_office: bool = False
    binds: tuple[TargetKind, ...] = Field(("unit", "person"), min_length=1)
    departments: tuple[str, ...] = Field(min_length=1)
    basis: str = Field(min_length=1)
    duration: Duration = Duration(rule="validity")

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        return _check_code(v)

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if len(set(self.targets)) != len(self.targets):
            raise ValueError("targets lists a role twice")
        extra = set(self.responsible_only) - set(self.targets)
        if extra:
            raise ValueError(f"responsible_only names {sorted(extra)}, which are not among the targets")
        if NOT_OFFICES & set(self.responsible_only):
            raise ValueError(
                "responsible_only applies to office roles, not to subject, responsible or actual_controller"
            )
        if len(set(self.binds)) != len(self.binds):
            raise ValueError("binds lists a kind twice")
        if "person" not in self.binds and set(self.targets) - {"subject"}:
            raise ValueError("binds has no person, yet targets name persons (roles other than subject)")
        return self

    def can_bind(self, target_kind: str) -> bool:
        """Whether the measure can bind a target of this node kind (Enterprise or Person)."""
        return KIND_OF_TARGET.get(target_kind) in self.binds


class IncentiveMeasure(_Strict):
    code: str
    name: str = Field(min_length=1)
    means: str = Field(min_length=1)
    eligible: tuple[Literal["red_list", "clean_years"], ...] = Field(min_length=1)
    departments: tuple[str, ...] = Field(min_length=1)
    basis: str = Field(min_length=1)

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        return _check_code(v)


class Incentives(_Strict):
    red_list_records: tuple[Trigger, ...] = Field(min_length=1)
    bad_records: tuple[Trigger, ...] = Field(min_length=1)
    clean_years: int = Field(3, ge=1, le=50)
    measures: tuple[IncentiveMeasure, ...] = ()


class Monitoring(_Strict):
    """Key monitoring after a subject leaves a blacklist (004 §20): which records start it, and the
    period used when the listing authority set none."""

    after: tuple[Trigger, ...] = Field(min_length=1)
    default_months: int = Field(ge=1, le=1200)
    basis: str = Field(min_length=1)


class MonitoringPeriod(BaseModel):
    months: int
    default: bool  # the catalogue's default: the authority set no period


class MeasureCatalogue(_Strict):
    version: int = 1
    target_roles: dict[OfficeTargetRole, OfficeTarget] = {}
    monitoring: Monitoring | None = None
    punishment: tuple[Measure, ...] = Field(min_length=1)
    incentives: Incentives
    source: str = ""

    @model_validator(mode="after")
    def _roles_defined(self) -> MeasureCatalogue:
        for m in self.punishment:
            missing = [t for t in m.targets if t not in NOT_OFFICES and t not in self.target_roles]
            if missing:
                raise ValueError(
                    f"measure {m.code} targets {missing}, which target_roles does not define "
                    "(say which offices each covers, and the basis)"
                )
        return self

    def office_targets(self) -> dict[str, tuple[str, ...]]:
        """office on a role edge -> the target roles it counts as (the chair may be several)."""
        out: dict[str, tuple[str, ...]] = {}
        for target, spec in self.target_roles.items():
            for office in spec.offices:
                out[office] = (*out.get(office, ()), target)
        return out

    def role_targets(self) -> dict[str, tuple[str, ...]]:
        """`office_targets`, and the actual controller's role row (controllers.py) as itself."""
        return {**self.office_targets(), ACTUAL_CONTROLLER: (ACTUAL_CONTROLLER,)}

    def monitoring_period(self, record: dict[str, Any]) -> MonitoringPeriod | None:
        """How long the subject of `record` is a key monitoring object after it leaves the list:
        the months its authority set, else the catalogue's default for the records that start
        monitoring (004 §20); None when neither applies."""
        given = record.get("monitoring_months")
        if given is not None and not pd.isna(given) and int(given) > 0:
            return MonitoringPeriod(months=int(given), default=False)
        m = self.monitoring
        if m is None:
            return None
        kind, level, category = record.get("kind"), record.get("level"), record.get("category") or ""
        for t in m.after:
            by_level = not t.levels or level in t.levels
            if kind == t.kind.value and by_level and (not t.categories or category in t.categories):
                return MonitoringPeriod(months=m.default_months, default=True)
        return None

    def controller_measures(self) -> tuple[Measure, ...]:
        """The measures that reach the subject's actual controller."""
        return tuple(m for m in self.punishment if ACTUAL_CONTROLLER in m.targets)

    def measure(self, code: str) -> Measure:
        for m in self.punishment:
            if m.code == code:
                return m
        raise KeyError(code)

    def triggering_kinds(self) -> list[str]:
        return sorted({t.kind.value for m in self.punishment for t in m.triggers})

    def record_filter(self) -> dict[str, list[str]]:
        """Parameters narrowing a bulk read to records some measure may trigger (a superset:
        categories are left to the derivation)."""
        triggers = [t for m in self.punishment for t in m.triggers]
        kinds = sorted({t.kind.value for t in triggers})
        level_kinds = sorted(k for k in kinds if all(t.levels for t in triggers if t.kind.value == k))
        levels = sorted({lv for t in triggers if t.kind.value in level_kinds for lv in t.levels})
        return {"kinds": kinds, "level_kinds": level_kinds, "levels": levels}

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "code": m.code,
                "kind": "punishment",
                "name": m.name,
                "triggers": ", ".join(_trigger_text(t) for t in m.triggers),
                "targets": ", ".join(m.targets),
                "responsible_only": ", ".join(m.responsible_only),
                "bars_office": m.bars_office,
                "binds": ", ".join(m.binds),
                "departments": "; ".join(m.departments),
                "duration": m.duration.rule + (f" ({m.duration.months} months)" if m.duration.months else ""),
                "basis": m.basis,
            }
            for m in self.punishment
        ]
        rows += [
            {
                "code": m.code,
                "kind": "incentive",
                "name": m.name,
                "triggers": ", ".join(m.eligible),
                "targets": "subject",
                "responsible_only": "",
                "bars_office": False,
                "binds": "unit, person",
                "departments": "; ".join(m.departments),
                "duration": "",
                "basis": m.basis,
            }
            for m in self.incentives.measures
        ]
        return pd.DataFrame(rows)


def _trigger_text(t: Trigger) -> str:
    out = t.kind.value
    if t.levels:
        out += "[" + "/".join(t.levels) + "]"
    if t.categories:
        out += "{" + "/".join(t.categories) + "}"
    return out


def _where(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """'measure CODE, field x.y' for a pydantic error location inside the catalogue."""
    if len(loc) >= 2 and loc[0] == "punishment" and isinstance(loc[1], int):
        items = raw.get("punishment") or []
        code = items[loc[1]].get("code") if loc[1] < len(items) and isinstance(items[loc[1]], dict) else None
        rest = ".".join(str(p) for p in loc[2:]) or "(entry)"
        return f"measure {code or f'#{loc[1] + 1}'}, field {rest}"
    if len(loc) >= 3 and loc[:2] == ("incentives", "measures") and isinstance(loc[2], int):
        items = (raw.get("incentives") or {}).get("measures") or []
        code = items[loc[2]].get("code") if loc[2] < len(items) and isinstance(items[loc[2]], dict) else None
        rest = ".".join(str(p) for p in loc[3:]) or "(entry)"
        return f"incentive {code or f'#{loc[2] + 1}'}, field {rest}"
    return "field " + (".".join(str(p) for p in loc) or "(top level)")


def parse_catalogue(raw: Any, source: str) -> MeasureCatalogue:
    if not isinstance(raw, dict):
        raise InvalidInput(f"{source}: the catalogue must be a mapping with punishment and incentives")
    try:
        cat = MeasureCatalogue.model_validate({**raw, "source": source})
    except ValidationError as exc:
        first = exc.errors()[0]
        reason = first["msg"].removeprefix("Value error, ")
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InvalidInput(f"{source}: {_where(raw, tuple(first['loc']))}: {reason}{more}") from None
    seen: set[str] = set()
    for m in (*cat.punishment, *cat.incentives.measures):
        if m.code in seen:
            raise InvalidInput(f"{source}: measure {m.code}, field code: the code is used twice")
        seen.add(m.code)
    return cat


def load_catalogue(path: Path | str | None = None) -> MeasureCatalogue:
    """Read and validate a catalogue file (default: GRAPH_CREDIT_MEASURE_CATALOGUE, else the shipped
    policy/measures.yaml); re-read when the file changes, so an operator's edit applies at once."""
    if path is None:
        from graph_credit.settings import get_settings

        path = get_settings().measure_catalogue or DEFAULT_CATALOGUE
    p = Path(path)
    return _load(str(p.resolve()), p.stat().st_mtime_ns if p.exists() else 0)


@cache
def _load(path: str, _mtime: int) -> MeasureCatalogue:
    p = Path(path)
    if not p.exists():
        raise InvalidInput(f"{p}: no measure catalogue at this path")
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{p}: not valid YAML: {exc}") from None
    return parse_catalogue(raw, str(p))
