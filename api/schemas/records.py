"""Bodies of the record lifecycle and task reports, and pages of published records and tasks.

Who acts is never in the body: it is the caller's key name, so every change is traceable to the
key that made it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Page
from graph_credit.punishment import PublishedRecord, Task, TaskList


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


class PublishedPage(Page[PublishedRecord]):
    @classmethod
    def of(cls, items: list[PublishedRecord], limit: int, offset: int) -> PublishedPage:
        return cls(
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )


class TaskPage(Page[Task]):
    as_of: dt.date
    department: str | None

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
