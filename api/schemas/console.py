from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ConsoleQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=20_000,
        examples=["MATCH (e:Enterprise {uscc: $uscc})<-[h:HOLDS]-(p) RETURN p.name, h.ratio LIMIT 20"],
        description="one read statement; values as $parameters",
    )
    params: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, examples=[{"uscc": "91350100M000100Y43"}], max_length=50
    )
    max_rows: int | None = Field(
        None, ge=1, le=100_000, examples=[100], description="at most the server's limit"
    )


class ConsoleAnswer(BaseModel):
    columns: list[str] = Field(examples=[["p.name", "h.ratio"]])
    rows: list[list[Any]] = Field(examples=[[["张三", 0.6]]])
    truncated: bool = Field(description="more rows than the row limit: the rest were dropped")
    row_limit: int = Field(examples=[1000])
    elapsed_ms: float = Field(examples=[3.2])
