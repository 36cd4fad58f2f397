from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.common import Page


class AuditEntryOut(BaseModel):
    id: int = Field(examples=[1201])
    at: str = Field(examples=["2026-12-01T09:30:00.123456+00:00"], description="UTC, ISO 8601")
    who: str = Field(examples=["zhaoshang-platform"])
    role: str = Field(examples=["screening"])
    action: str = Field(examples=["read"], description="read, change, screen, console, ...")
    endpoint: str = Field(examples=["GET /ownership/{uscc}/controller"])
    subject: str = Field(examples=["91350100M000100Y43"])
    purpose: str | None = Field(None, examples=["招商引资项目准入审查"])
    client: str | None = Field(None, examples=["127.0.0.1"])


class AuditPage(Page[AuditEntryOut]):
    pass
