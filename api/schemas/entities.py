from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from api.schemas.common import Page
from api.schemas.graph import SearchHit


class SearchPage(Page[SearchHit]):
    query: str = Field(examples=["佳木斯"])
    kinds: list[str] = Field(examples=[["Enterprise", "Person"]])


class EntityOut(BaseModel):
    """One subject's own fields; persons carry only name and masked ID (per role)."""

    kind: str = Field(examples=["Enterprise"])
    key: str = Field(
        examples=["91350100M000100Y43"], description="USCC, person key, project code or record id"
    )
    name: str | None = Field(None, examples=["佳木斯甲实业有限公司"])
    status: str | None = Field(None, examples=["active"])
    fields: dict[str, Any] = Field(
        default_factory=dict, examples=[{"org_type": "enterprise", "region_code": "230804"}]
    )
    degree: int = Field(examples=[12], description="edges of any kind and period at this node")
