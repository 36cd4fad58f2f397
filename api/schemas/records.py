"""Records and tasks: the lifecycle bodies and answers (objection, decision, repair), a record's
history, published records, tasks pushed to departments and their tracking.

Who acts is never in the body: it is the caller's key name, so every change is traceable to the
key that made it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ApiModel, Page
from api.schemas.graph import ACME, RecordKind, RecordStatus
from graph_credit.punishment import PublishedRecord as DomainPublished
from graph_credit.punishment import TaskList

Action = Literal[
    "created", "activated", "objection", "objection_upheld", "objection_rejected", "repair", "expiry"
]


class LifecycleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: dt.date = Field(examples=["2024-06-30"], description="the day it takes effect")
    basis: str = Field(min_length=1, max_length=2000, examples=["异议申请书及核查材料 (2024) 第 12 号"])


class DecisionIn(LifecycleIn):
    upheld: bool = Field(examples=[False], description="true: the record was wrong")
    outcome: Literal["corrected", "revoked"] | None = Field(
        None, examples=[None], description="for an upheld objection: corrected or revoked"
    )


class TaskReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: dt.date = Field(examples=["2024-07-05"])
    action: str = Field(min_length=1, max_length=2000, examples=["已在招标资格审查中限制其参与"])


class PublishedRecord(ApiModel):
    """A record as the credit publicity (信用公示) shows it while it is valid."""

    record_id: str = Field(examples=["R1"])
    kind: RecordKind = Field(examples=["admin_penalty"])
    category: str = Field(examples=["食品药品"])
    authority: str = Field(examples=["佳木斯市市场监督管理局"])
    basis: str = Field(examples=["《食品安全法》"])
    decision_date: dt.date | None = Field(examples=["2024-03-15"])
    valid_until: dt.date | None = Field(examples=["2027-03-14"])
    status: RecordStatus = Field(examples=["active"])


class RecordEventView(ApiModel):
    event_id: str = Field(examples=["R1#002"])
    seq: int = Field(examples=[2])
    action: Action = Field(examples=["objection"])
    from_status: RecordStatus | None = Field(examples=["active"])
    to_status: RecordStatus = Field(examples=["under_objection"])
    by: str = Field(examples=["credit-office-operator"], description="the API key's name that made it")
    on: dt.date | None = Field(examples=["2024-06-30"])
    basis: str = Field(examples=["异议申请书及核查材料 (2024) 第 12 号"])
    note: str = Field(examples=["measures suspended while the objection is checked"])
    recorded_at: str = Field(examples=["2024-06-30T09:12:44+00:00"], description="UTC, ISO 8601")


class RecordHistory(ApiModel):
    record_id: str = Field(examples=["R1"])
    kind: RecordKind = Field(examples=["blacklist"])
    status: RecordStatus = Field(examples=["under_objection"])
    repairable: bool = Field(examples=[True])
    events: list[RecordEventView] = Field(description="oldest first")
    restrictions: int = Field(examples=[18], description="restrictions derived from it")


class Propagation(ApiModel):
    """What a change did to the restrictions derived from the record (and the tasks pushed)."""

    record_id: str = Field(examples=["R1"])
    restrictions: int = Field(examples=[18], description="restrictions derived from it afterwards")
    added: int = Field(examples=[0])
    removed: int = Field(examples=[0])
    unchanged: int = Field(examples=[18])
    tasks_created: int = Field(examples=[0])


class Transition(ApiModel):
    """One lifecycle step of a record, committed with the restrictions it changes."""

    record_id: str = Field(examples=["R1"])
    event_id: str = Field(examples=["R1#002"])
    action: Action = Field(examples=["objection"])
    from_status: RecordStatus | None = Field(examples=["active"])
    to_status: RecordStatus = Field(examples=["under_objection"])
    on: dt.date = Field(examples=["2024-06-30"])
    note: str = Field(examples=["measures suspended while the objection is checked"])
    propagation: Propagation


class Task(ApiModel):
    """A restriction pushed to an implementing department (trigger, response, feedback; 004 §24)."""

    task_id: str = Field(examples=[f"R1|PUBLIC_FUNDS|{ACME}|区财政局"])
    restriction_id: str = Field(examples=[f"R1|PUBLIC_FUNDS|subject|{ACME}"])
    record_id: str = Field(examples=["R1"])
    measure_code: str = Field(examples=["PUBLIC_FUNDS"])
    target_kind: Literal["Enterprise", "Person"] = Field(examples=["Enterprise"])
    target_key: str = Field(examples=[ACME])
    target_name: str = Field(examples=["佳木斯甲实业有限公司"])
    department: str = Field(examples=["区财政局"])
    created_on: dt.date | None = Field(examples=["2024-06-01"])
    answered_on: dt.date | None = Field(examples=[None])
    answered_by: str | None = Field(examples=[None])
    action: str | None = Field(examples=[None], description="what the department reported doing")
    age_days: int | None = Field(
        examples=[29], description="days unanswered to the as-of date; null once answered"
    )


class TrackingRow(ApiModel):
    dimension: Literal["measure", "department", "record_kind", "state", "task_status"] = Field(
        examples=["department"]
    )
    value: str = Field(examples=["区财政局"])
    month: str = Field(
        examples=["2024-06"],
        description='YYYY-MM the restriction started (or the task was pushed); "" for totals',
    )
    count: int = Field(examples=[12])


class Tracking(ApiModel):
    as_of: dt.date = Field(examples=["2024-06-30"])
    rows: list[TrackingRow]


class PublishedPage(Page[PublishedRecord]):
    @classmethod
    def of(cls, items: list[DomainPublished], limit: int, offset: int) -> PublishedPage:
        return cls(
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )


class TaskPage(Page[Task]):
    as_of: dt.date = Field(examples=["2024-06-30"])
    department: str | None = Field(examples=["区财政局"])

    @classmethod
    def of(cls, res: TaskList, limit: int, offset: int) -> TaskPage:
        items = res.tasks
        return cls(
            as_of=res.as_of,
            department=res.department,
            total=None if len(items) > offset + limit else len(items),
            limit=limit,
            offset=offset,
            has_more=len(items) > offset + limit,
            items=items[offset : offset + limit],
        )
