"""The catalogue: every investigator function with its parameters, and every named query."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from graph_credit.errors import NotFound
from graph_credit.investigate.models import Catalogue, FunctionInfo, ParamInfo, QueryInfo
from graph_credit.queries import registry

INVESTIGATOR_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("search", "search"),
    ("resolve", ""),
    ("neighbourhood", "neighbours"),
    ("shortest_path", "path"),
    ("all_paths", "paths"),
    ("shared_links", "shared-links"),
    ("circular_holdings", "cycles --kind holds"),
    ("guarantee_circles", "cycles --kind guarantees"),
    ("guarantee_chains", "guarantee-chains"),
    ("records_near", "records-near"),
    ("catalogue", "catalogue"),
)


def _annotation(p: inspect.Parameter) -> str:
    a = p.annotation
    return a if isinstance(a, str) else getattr(a, "__name__", str(a))


def _function_info(fn: Callable[..., Any], cli: str | None) -> FunctionInfo:
    doc = inspect.getdoc(fn) or ""
    params = [
        ParamInfo(
            name=p.name,
            type=_annotation(p),
            default=None if p.default is inspect.Parameter.empty else repr(p.default),
            required=p.default is inspect.Parameter.empty,
        )
        for p in inspect.signature(fn).parameters.values()
        if p.name != "store"
    ]
    purpose = " ".join(doc.split("\n\n")[0].split())
    return FunctionInfo(name=fn.__name__, module=fn.__module__, purpose=purpose, params=params, cli=cli)


def _ownership_functions() -> list[FunctionInfo]:
    """The ownership questions (graph_credit.ownership) take a store first, like these: list them too."""
    try:
        from graph_credit import ownership
    except ImportError:  # pragma: no cover - the module is optional here
        return []
    out = []
    for name, fn in sorted(vars(ownership).items()):
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != ownership.__name__:
            continue
        params = list(inspect.signature(fn).parameters)
        if params[:1] == ["store"]:
            out.append(_function_info(fn, None))
    return out


def catalogue(area: str | None = None) -> Catalogue:
    """What investigators can ask: these functions (and the ownership ones) with their parameters
    and purposes, and every named query in `cypher/` (optionally one area, e.g. `investigate`) with
    its header."""
    import graph_credit.investigate as package

    functions = [_function_info(getattr(package, name), cli or None) for name, cli in INVESTIGATOR_FUNCTIONS]
    functions += _ownership_functions()
    reg = registry()
    queries = []
    for name in reg.names():
        if area and not name.startswith(area.rstrip("/") + "/"):
            continue
        per_engine = {}
        for e in ("ladybug", "neo4j"):
            try:
                per_engine[e] = reg.get(name, e)
            except NotFound:
                continue
        variants = [e for e, q in per_engine.items() if q.engine is not None]
        q = per_engine.get("ladybug") or per_engine["neo4j"]
        queries.append(
            QueryInfo(name=name, purpose=q.purpose, mode=q.mode, params=list(q.params), engines=variants)
        )
    return Catalogue(functions=functions, queries=queries)
