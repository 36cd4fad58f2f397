"""Pages over the lists of investigator answers (the answers' other fields kept beside them)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.schemas.common import Page
from graph_credit.investigate import NodeRef, RecordNear, RecordsNear, SharedLink, SharedLinks


class SharedLinksPage(Page[SharedLink]):
    subject: NodeRef
    as_of: dt.date | None = Field(examples=["2024-06-30"])
    truncated: list[str] = Field(description="what the per-link caps left out")

    @classmethod
    def of(cls, res: SharedLinks, limit: int, offset: int) -> SharedLinksPage:
        items = res.links
        return cls(
            subject=res.subject,
            as_of=res.as_of,
            truncated=res.truncated,
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )


class RecordsNearPage(Page[RecordNear]):
    subject: NodeRef
    hops: int = Field(examples=[2])
    as_of: dt.date | None = Field(examples=["2024-06-30"])
    subjects_searched: int = Field(examples=[37])
    truncated: list[str]

    @classmethod
    def of(cls, res: RecordsNear, limit: int, offset: int) -> RecordsNearPage:
        items = res.records
        return cls(
            subject=res.subject,
            hops=res.hops,
            as_of=res.as_of,
            subjects_searched=res.subjects_searched,
            truncated=res.truncated,
            total=len(items),
            limit=limit,
            offset=offset,
            has_more=offset + limit < len(items),
            items=items[offset : offset + limit],
        )
