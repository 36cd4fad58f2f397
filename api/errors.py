"""One error body for every failure, mapped from graph_credit's error hierarchy in one place."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas.common import ErrorDetail, ErrorResponse
from graph_credit.console import ConsoleRefused, QueryTooDeep
from graph_credit.errors import EngineError, GraphCreditError, InvalidIdentifier, InvalidInput, NotFound

log = logging.getLogger("graph_credit.api")


class ApiError(Exception):
    """An HTTP-level refusal (authentication, roles, sizes) raised by the API's own layers."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _body(status: int, code: str, message: str, fields: list[dict[str, str]] | None = None) -> JSONResponse:
    err = ErrorResponse(error=ErrorDetail(code=code, message=message, fields=fields or []))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(err.model_dump(), status_code=status, headers=headers)


def domain_status(exc: GraphCreditError) -> tuple[int, str]:
    if isinstance(exc, NotFound):
        return 404, "not_found"
    if isinstance(exc, QueryTooDeep):
        return 422, "query_too_deep"
    if isinstance(exc, ConsoleRefused):
        return 400, "console_refused"
    if isinstance(exc, InvalidIdentifier):
        return 422, "invalid_identifier"
    if isinstance(exc, InvalidInput):
        return 422, "invalid_input"
    if isinstance(exc, EngineError):
        return 503, "engine_unavailable"
    return 400, "refused"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return _body(exc.status, exc.code, exc.message)

    @app.exception_handler(GraphCreditError)
    async def _domain(request: Request, exc: GraphCreditError) -> JSONResponse:
        status, code = domain_status(exc)
        if isinstance(exc, EngineError):
            # the engine's text may name files and internals: log it, answer plainly
            log.error("engine error on %s %s: %s", request.method, request.url.path, exc)
            return _body(status, code, "the graph engine could not answer; try again later")
        return _body(status, code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = []
        for e in exc.errors():
            loc = ".".join(str(p) for p in e.get("loc", ()))
            fields.append({"loc": loc, "message": str(e.get("msg", "invalid"))})
        summary = "; ".join(f"{f['loc']}: {f['message']}" for f in fields[:5])
        return _body(422, "invalid_input", f"invalid input: {summary}", fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}
        return _body(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _body(500, "internal_error", "an unexpected error occurred; it has been logged")
