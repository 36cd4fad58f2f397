"""One subject's own fields by business key: what a detail page shows before any traversal."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import is_uscc, normalize_uscc
from graph_credit.investigate.kinds import DEGREE_QUERY, DETAILS_QUERY
from graph_credit.model import NODE_KINDS
from graph_credit.store.base import GraphStore

_ORDER = ("Person", "Project", "CreditRecord", "Enterprise")


class EntityDetail(BaseModel):
    kind: str
    key: str
    name: str | None = None
    status: str | None = None
    fields: dict[str, Any] = Field(default_factory=dict, description="the display fields the graph holds")
    degree: int = Field(description="edges of any kind and period at this node")


def entity_detail(store: GraphStore, key: str, kind: str | None = None) -> EntityDetail:
    """A valid USCC is an enterprise; another key is tried as a person key, project code, record
    id and enterprise key in that order (or only as `kind`)."""
    key = (key or "").strip()
    if not key:
        raise InvalidInput("no subject key given")
    if kind is not None and kind not in NODE_KINDS:
        raise InvalidInput(f"unknown node kind {kind!r}; known: {', '.join(NODE_KINDS)}")
    if kind is None and is_uscc(key):
        kind = "Enterprise"
    if kind == "Enterprise":
        key = normalize_uscc(key)  # asked for an enterprise: a bad code is an error, with its reason
    for k in (kind,) if kind else _ORDER:
        rows = store.read(DETAILS_QUERY[k], keys=[key])
        if rows:
            row = dict(rows[0])
            degree = store.read(DEGREE_QUERY[k], key=key)
            fields = {f: v for f, v in row.items() if f not in ("key", "name", "status")}
            return EntityDetail(
                kind=k,
                key=row["key"],
                name=row.get("name"),
                status=row.get("status"),
                fields=fields,
                degree=int(degree[0]["degree"]) if degree else 0,
            )
    raise NotFound(f"no {kind or 'enterprise, person, project or record'} with key {key!r}")
