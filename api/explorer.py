"""The explorer in the API: the page, its scripts (served here, never from a CDN) and its JSON.

    GET /explorer                          the page: search box, view, hops, date, path A-B
    GET /explorer?focus=KEY[&view=neighbourhood|up|down][&hops=N][&as_of=D]
    GET /explorer?path=A,B[&focus=KEY][&as_of=D]      the picture of a finding's evidence
    GET /explorer/evidence?...             the same, for links from reports (redirects)
    GET /explorer/static/NAME              vis-network and the page's own script and style
    GET /explorer/api/search?q=TEXT
    GET /explorer/api/graph?focus=KEY&view=&hops=&as_of=   or   ?path=A,B&as_of=
    GET /explorer/api/expand?node=KIND:KEY&view=&as_of=     one bounded step out from a node

The router is self-contained (the store is `request.app.state.store`); the graph work is all in
`graph_credit.explore`. Persons are masked for the viewer's role, which is `public` (family name
only, no ID) until the caller's role is known.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from graph_credit import explore
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.store.base import GraphStore

router = APIRouter(tags=["explorer"])

AsOf = Annotated[dt.date | None, Query(description="only edges and records in force on this date")]
ViewQ = Annotated[str, Query(description="neighbourhood, up (owners) or down (holdings)")]


def _store(request: Request) -> GraphStore:
    return request.app.state.store


def _role(request: Request) -> str:
    return getattr(request.state, "viewer_role", None) or "public"


def _answer(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except InvalidInput as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/explorer", response_class=HTMLResponse, include_in_schema=False)
def explorer_page(request: Request) -> HTMLResponse:
    # Relative to the page's own address: the product may sit behind a prefix.
    path = request.scope.get("root_path", "") + "/explorer"
    html = explore.render_page(
        None, role=_role(request), inline_assets=False, static_url=path + "/static", api_url=path + "/api"
    )
    return HTMLResponse(html)


@router.get("/explorer/evidence", include_in_schema=False)
def explorer_evidence(request: Request) -> RedirectResponse:
    query = request.url.query
    return RedirectResponse(request.scope.get("root_path", "") + "/explorer" + (f"?{query}" if query else ""))


@router.get("/explorer/static/{name}", include_in_schema=False)
def explorer_static(name: str) -> Response:
    try:
        body, media = explore.asset(name)
    except InvalidInput:
        raise HTTPException(404, f"no explorer asset {name!r}") from None
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/explorer/api/search")
def explorer_search(
    request: Request, q: Annotated[str, Query(min_length=1)], limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> dict[str, Any]:
    return _answer(explore.search_hits, _store(request), q, _role(request), limit=limit)


@router.get("/explorer/api/graph")
def explorer_graph(
    request: Request,
    focus: str | None = None,
    path: Annotated[str | None, Query(description="A,B: the shortest paths between two subjects")] = None,
    view: ViewQ = "neighbourhood",
    hops: Annotated[int, Query(ge=1, le=4)] = 2,
    as_of: AsOf = None,
) -> dict[str, Any]:
    store = _store(request)
    if path:
        ends = [p.strip() for p in path.split(",")]
        if len(ends) != 2 or not all(ends):
            raise HTTPException(422, "path must be two subjects: A,B")
        sg = _answer(explore.path_view, store, ends[0], ends[1], as_of=as_of)
        if focus:
            for n in sg.nodes:
                if n.key == focus.strip():
                    n.flag("focus")
    elif focus:
        sg = _answer(explore.subject_view, store, focus.strip(), view, hops=hops, as_of=as_of)
    else:
        raise HTTPException(422, "give focus=KEY or path=A,B")
    return explore.vis_data(sg, _role(request))


@router.get("/explorer/api/expand")
def explorer_expand(
    request: Request,
    node: Annotated[str, Query(description="KIND:KEY, the id of the node clicked")],
    view: ViewQ = "neighbourhood",
    as_of: AsOf = None,
) -> dict[str, Any]:
    sg = _answer(explore.expand_view, _store(request), node, view, as_of=as_of)
    return explore.vis_data(sg, _role(request))
