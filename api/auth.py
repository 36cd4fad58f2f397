"""Who is calling: an API key (`Authorization: Bearer <key>` or `X-API-Key`) names a role.

Anonymous callers get the public role when `GRAPH_CREDIT_API_ANONYMOUS` allows it (the public
sees only what is published anyway, 信用公示); an unknown key is refused, never downgraded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from graph_credit.apikeys import ApiKey, ApiRole, hash_key

_bearer = HTTPBearer(auto_error=False, description="an API key as a bearer token")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="an API key")


@dataclass(frozen=True)
class Principal:
    name: str
    role: ApiRole
    anonymous: bool = False


async def authenticate(
    request: Request,
    bearer: HTTPAuthorizationCredentials | None = Depends(_bearer),  # noqa: B008
    header: str | None = Depends(_header),
) -> Principal:
    key = header or (bearer.credentials if bearer else None)
    if key is None:
        if not request.app.state.anonymous:
            raise ApiError(401, "unauthenticated", "an API key is required (Authorization: Bearer <key>)")
        client = request.client.host if request.client else "unknown"
        return Principal(f"anonymous@{client}", ApiRole.PUBLIC, anonymous=True)
    found: ApiKey | None = request.app.state.api_keys.get(hash_key(key))
    if found is None:
        raise ApiError(401, "unauthenticated", "the API key is not known")
    return Principal(found.name, found.role)


def require(*roles: ApiRole) -> Callable[..., Principal]:
    """A dependency letting only `roles` through (403 otherwise, 401 for the anonymous)."""
    allowed = frozenset(roles)

    async def check(principal: Principal = Depends(authenticate)) -> Principal:  # noqa: B008
        if principal.role not in allowed:
            if principal.anonymous:
                raise ApiError(
                    401, "unauthenticated", "this needs an API key of role " + " or ".join(sorted(allowed))
                )
            raise ApiError(
                403,
                "forbidden",
                f"role {principal.role.value} may not do this (needs {' or '.join(sorted(allowed))})",
            )
        return principal

    return check


EVERYONE = tuple(ApiRole)
CHECKERS = (ApiRole.SCREENING, ApiRole.INVESTIGATOR, ApiRole.OPERATOR)
ANALYSTS = (ApiRole.INVESTIGATOR, ApiRole.OPERATOR)
OPERATORS = (ApiRole.OPERATOR,)
