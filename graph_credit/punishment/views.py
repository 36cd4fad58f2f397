"""What the punishment queries return: pydantic models with `.to_frame()` for notebooks."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd
from pydantic import BaseModel

State = Literal["active", "suspended", "withdrawn", "ended"]


class Restriction(BaseModel):
    restriction_id: str
    target_kind: str
    target_key: str
    target_name: str
    measure_code: str
    measure_name: str
    means: str
    departments: list[str]
    basis: str
    bars_office: bool
    record_id: str
    record_kind: str
    record_status: str
    record_authority: str
    role: str  # subject | legal_rep | principal | responsible | director | supervisor | manager | shareholder
    office: str  # the role written on the edge (chair counts as director)
    via_enterprise: str | None  # the USCC the role was held at; None for the subject itself
    role_edge: str | None
    role_since: dt.date | None
    role_until: dt.date | None
    role_date: dt.date | None
    role_date_source: str  # act_date | decision_date (fallback: no act date known)
    start: dt.date | None
    end: dt.date | None  # last day in force; None: open
    state: State
    state_note: str
    provenance: str


class RelatedRisk(BaseModel):
    """关联风险: a person barred from office who serves at an enterprise other than the one sanctioned."""

    person_key: str
    person_name: str
    enterprise_uscc: str
    enterprise_name: str
    office: str
    office_edge: str
    restriction_id: str
    measure_code: str
    record_id: str
    sanctioned_enterprise: str | None
    note: str


class SubjectRestrictions(BaseModel):
    subject_kind: str
    subject_key: str
    subject_name: str
    as_of: dt.date
    restricted: bool
    items: list[Restriction]
    related_risks: list[RelatedRisk] = []

    @property
    def active(self) -> list[Restriction]:
        return [r for r in self.items if r.state == "active"]

    @property
    def measures(self) -> list[str]:
        return sorted({r.measure_code for r in self.active})

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.model_dump() for r in self.items], columns=list(Restriction.model_fields))


class RestrictedPerson(BaseModel):
    person_key: str
    person_name: str
    offices: list[str]  # offices held at the enterprise on the date ("" when reached only via its records)
    because_of_this_enterprise: bool
    restrictions: list[Restriction]


class RestrictedPersons(BaseModel):
    uscc: str
    name: str
    as_of: dt.date
    persons: list[RestrictedPerson]

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "person_key": p.person_key,
                "person_name": p.person_name,
                "offices": ", ".join(p.offices),
                "because_of_this_enterprise": p.because_of_this_enterprise,
                **r.model_dump(include={"measure_code", "measure_name", "record_id", "role", "state", "end"}),
            }
            for p in self.persons
            for r in p.restrictions
        ]
        return pd.DataFrame(rows)


class IncentiveStatus(BaseModel):
    subject_kind: str
    subject_key: str
    subject_name: str
    as_of: dt.date
    red_list: bool
    green_channel: bool
    reason: str
    clean_since: dt.date | None
    red_records: list[str] = []
    bad_records: list[str] = []  # bad records in force or within the clean period
    measures: list[str] = []  # incentive measure codes the subject qualifies for


class MonitoringItem(BaseModel):
    record_id: str
    record_kind: str
    since: dt.date
    until: dt.date
    months: int
    default_period: bool = False  # the catalogue's default period: the authority set none
    reason: str


class MonitoringStatus(BaseModel):
    subject_kind: str
    subject_key: str
    subject_name: str
    as_of: dt.date
    monitored: bool
    items: list[MonitoringItem]


class PublishedRecord(BaseModel):
    record_id: str
    kind: str
    category: str
    authority: str
    basis: str
    decision_date: dt.date | None
    valid_until: dt.date | None
    status: str


class RecordEventView(BaseModel):
    event_id: str
    seq: int
    action: str
    from_status: str | None
    to_status: str
    by: str
    on: dt.date | None
    basis: str
    note: str
    recorded_at: str


class RecordHistory(BaseModel):
    record_id: str
    kind: str
    status: str
    repairable: bool
    events: list[RecordEventView]
    restrictions: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([e.model_dump() for e in self.events], columns=list(RecordEventView.model_fields))


class Task(BaseModel):
    task_id: str
    restriction_id: str
    record_id: str
    measure_code: str
    target_kind: str
    target_key: str
    target_name: str
    department: str
    created_on: dt.date | None
    answered_on: dt.date | None
    answered_by: str | None
    action: str | None
    age_days: int | None  # days unanswered (to the as-of date), None once answered


class TaskList(BaseModel):
    as_of: dt.date
    department: str | None
    tasks: list[Task]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([t.model_dump() for t in self.tasks], columns=list(Task.model_fields))


class TrackingRow(BaseModel):
    dimension: str  # measure | department | record_kind | state | task_status
    value: str
    month: str  # YYYY-MM the restriction started (or the task was pushed); "" for totals
    count: int


class Tracking(BaseModel):
    as_of: dt.date
    rows: list[TrackingRow]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.model_dump() for r in self.rows], columns=list(TrackingRow.model_fields))
