"""Shapes every area shares: the one error body, pages, the caller."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ApiModel(BaseModel):
    """Base of the answers' public shapes. They are read from the domain's answers by attribute
    (`from_attributes`), so a page or envelope can hold domain items and still state the API's own
    contract: fields the domain adds later are not promised until a schema here names them."""

    model_config = ConfigDict(from_attributes=True)


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"], description="stable machine-readable reason")
    message: str = Field(examples=["no enterprise with key '91350100M000100Y43'"])
    fields: list[dict[str, str]] = Field(
        default_factory=list,
        description="for invalid input: each offending field (`loc` as a dotted path) and why",
        examples=[[{"loc": "query.limit", "message": "Input should be less than or equal to 200"}]],
    )


class ErrorResponse(BaseModel):
    """The body of every 4xx and 5xx answer."""

    error: ErrorDetail

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "not_found",
                        "message": "no enterprise with key '91350100M000100Y43'",
                        "fields": [],
                    }
                }
            ]
        }
    )


class Page(ApiModel, Generic[T]):
    total: int | None = Field(
        description="how many items match; null where counting would cost a full scan (see has_more)",
        examples=[42],
    )
    limit: int = Field(examples=[20])
    offset: int = Field(examples=[0])
    has_more: bool = Field(examples=[True])
    items: list[T]


def page(items: list[T], limit: int, offset: int) -> Page[T]:
    """A page of a list the domain returned whole (already capped by the domain's own limits)."""
    return Page[T](
        total=len(items),
        limit=limit,
        offset=offset,
        has_more=offset + limit < len(items),
        items=items[offset : offset + limit],
    )


class Caller(BaseModel):
    name: str = Field(examples=["zhaoshang-platform"])
    role: str = Field(examples=["screening"])
    anonymous: bool = Field(examples=[False])


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorResponse, "description": "refused: the message says why"},
    401: {"model": ErrorResponse, "description": "no valid API key"},
    403: {"model": ErrorResponse, "description": "the caller's role may not do this"},
    404: {"model": ErrorResponse, "description": "no such subject or record"},
    413: {"model": ErrorResponse, "description": "request body or batch too large"},
    422: {"model": ErrorResponse, "description": "invalid input: each field and why"},
    503: {"model": ErrorResponse, "description": "the graph engine or the query log is unavailable"},
}


def json_errors(extra: dict[int, str] | None = None) -> dict[int | str, dict[str, object]]:
    """The error responses as JSON for a route whose success is not JSON (HTML, CSV): FastAPI
    would otherwise document them in the route's own media type."""
    out: dict[int | str, dict[str, object]] = {}
    for code, spec in {
        **ERROR_RESPONSES,
        **{k: {"description": v} for k, v in (extra or {}).items()},
    }.items():
        out[code] = {
            "description": spec["description"],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
        }
    return out
