"""The API's public contract as a file: the OpenAPI document committed at docs/openapi.json.

`graph-credit openapi` writes it; `graph-credit openapi --check` (and the contract test) compare
the app's document with it, so a change to the contract is a visible change in a commit, never a
side effect of a change to the domain."""

from __future__ import annotations

import json
from typing import Any

from graph_credit.resources import contract_snapshot

SNAPSHOT = contract_snapshot()
REGENERATE = "graph-credit openapi  (writes docs/openapi.json)"


def openapi_document() -> dict[str, Any]:
    """The document as the app serves it at /openapi.json, built without a store or keys."""
    from api.app import create_app
    from graph_credit.settings import Settings

    app = create_app(Settings(_env_file=None, env="development"), api_keys={})  # type: ignore[call-arg]
    return app.openapi()


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> str:
    op, np_ = old.get("properties", {}), new.get("properties", {})
    parts = [f"+{k}" for k in np_ if k not in op] + [f"-{k}" for k in op if k not in np_]
    parts += [f"~{k}" for k in np_ if k in op and op[k] != np_[k]]
    rest = sorted(k for k in set(old) | set(new) if k != "properties" and old.get(k) != new.get(k))
    return ", ".join(parts + [f"({k})" for k in rest])


def diff_summary(old: dict[str, Any], new: dict[str, Any], limit: int = 40) -> list[str]:
    """What differs between two documents, one line per operation or schema (at most `limit`)."""
    lines: list[str] = []
    ops_old = {(m.upper(), p): o for p, item in old.get("paths", {}).items() for m, o in item.items()}
    ops_new = {(m.upper(), p): o for p, item in new.get("paths", {}).items() for m, o in item.items()}
    for key in sorted(ops_new.keys() - ops_old.keys()):
        lines.append(f"operation added:   {key[0]} {key[1]}")
    for key in sorted(ops_old.keys() - ops_new.keys()):
        lines.append(f"operation removed: {key[0]} {key[1]}")
    for key in sorted(ops_old.keys() & ops_new.keys()):
        a, b = ops_old[key], ops_new[key]
        if a != b:
            what = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            lines.append(f"operation changed: {key[0]} {key[1]} ({', '.join(what)})")
    sch_old = old.get("components", {}).get("schemas", {})
    sch_new = new.get("components", {}).get("schemas", {})
    for name in sorted(sch_new.keys() - sch_old.keys()):
        lines.append(f"schema added:      {name}")
    for name in sorted(sch_old.keys() - sch_new.keys()):
        lines.append(f"schema removed:    {name}")
    for name in sorted(sch_old.keys() & sch_new.keys()):
        if sch_old[name] != sch_new[name]:
            lines.append(f"schema changed:    {name}: {_changed_fields(sch_old[name], sch_new[name])}")
    rest = sorted(
        k for k in set(old) | set(new) if k not in ("paths", "components") and old.get(k) != new.get(k)
    )
    lines += [f"top-level changed: {k}" for k in rest]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more"]
    return lines
