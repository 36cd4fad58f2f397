"""API keys: who may call the HTTP API, in which role; only hashes are ever stored.

An entry is `sha256:<hex>=<role>:<name>`; settings hold entries separated by commas or
whitespace (`GRAPH_CREDIT_API_KEYS`) or one per line in a file (`GRAPH_CREDIT_API_KEYS_FILE`, `#`
comments). Keys are 256-bit random tokens, so one SHA-256 is enough to make the stored form
useless to a reader of the settings: there is no dictionary to try against it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graph_credit.errors import InvalidInput


class ApiRole(StrEnum):
    PUBLIC = "public"  # 信用公示: published records only, persons masked
    SCREENING = "screening"  # 招商引资 / 政府采购 systems calling the credit check
    INVESTIGATOR = "investigator"  # relationship analysis, the Cypher console
    OPERATOR = "operator"  # record lifecycle, tasks, the query log


#: Keys that only development accepts: documented, so never secret. The settings refuse them
#: (and a missing key list is filled with them) only in development.
DEV_KEYS: dict[str, tuple[ApiRole, str]] = {
    "dev-public-key": (ApiRole.PUBLIC, "dev-public"),
    "dev-screening-key": (ApiRole.SCREENING, "dev-screening"),
    "dev-investigator-key": (ApiRole.INVESTIGATOR, "dev-investigator"),
    "dev-operator-key": (ApiRole.OPERATOR, "dev-operator"),
}

_ENTRY = re.compile(r"^sha256:(?P<hex>[0-9a-f]{64})=(?P<role>[a-z]+):(?P<name>[A-Za-z0-9_.@-]{1,64})$")
_KEY_PREFIX = "gck_"


@dataclass(frozen=True)
class ApiKey:
    digest: str
    role: ApiRole
    name: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def entry_line(digest: str, role: ApiRole, name: str) -> str:
    return f"sha256:{digest}={role.value}:{name}"


def new_key(role: ApiRole | str, name: str) -> tuple[str, str]:
    """A fresh random key and the entry line to store for it (the key itself is shown once)."""
    r = ApiRole(role)
    if not re.fullmatch(r"[A-Za-z0-9_.@-]{1,64}", name):
        raise InvalidInput(f"key name {name!r}: use 1-64 letters, digits, '_', '.', '@' or '-'")
    key = _KEY_PREFIX + secrets.token_urlsafe(32)
    return key, entry_line(hash_key(key), r, name)


def parse_entries(text: str, source: str) -> list[ApiKey]:
    """Entries from settings or a keys file; an error names the source, the entry and the reason."""
    out: list[ApiKey] = []
    seen: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0]
        for token in re.split(r"[\s,]+", line.strip()):
            if not token:
                continue
            m = _ENTRY.match(token)
            where = f"{source} line {lineno}" if "\n" in text else source
            if not m:
                raise InvalidInput(
                    f"{where}: API key entry {token[:24]!r}... is not sha256:<64 hex>=<role>:<name>"
                )
            try:
                role = ApiRole(m["role"])
            except ValueError:
                raise InvalidInput(
                    f"{where}: API key entry for {m['name']!r} has unknown role {m['role']!r} "
                    f"(one of {', '.join(r.value for r in ApiRole)})"
                ) from None
            if m["hex"] in seen:
                raise InvalidInput(
                    f"{where}: the key of {m['name']!r} is listed twice (also as {seen[m['hex']]!r})"
                )
            seen[m["hex"]] = m["name"]
            out.append(ApiKey(m["hex"], role, m["name"]))
    return out


def load_keys(entries: str, keys_file: Path | None, *, development: bool) -> dict[str, ApiKey]:
    """The configured keys by digest. Outside development a development key is refused; in
    development with nothing configured, the development keys are the keys."""
    keys = parse_entries(entries, "GRAPH_CREDIT_API_KEYS")
    if keys_file is not None:
        try:
            text = keys_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(
                f"GRAPH_CREDIT_API_KEYS_FILE {keys_file}: cannot read it ({exc.strerror})"
            ) from None
        keys += parse_entries(text, str(keys_file))
    dev = {hash_key(k): v for k, v in DEV_KEYS.items()}
    if not development:
        for k in keys:
            if k.digest in dev:
                raise InvalidInput(
                    f"API key {k.name!r} is a published development key: outside development "
                    "create keys with `graph-credit api-key new`"
                )
    elif not keys:
        keys = [ApiKey(d, role, name) for d, (role, name) in dev.items()]
    return {k.digest: k for k in keys}
