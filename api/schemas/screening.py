from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

MAX_BATCH = 10_000  # the schema's ceiling; GRAPH_CREDIT_API_MAX_BATCH sets the one in force


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
