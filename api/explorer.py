"""The explorer in the API: the page, its scripts (served here, never from a CDN) and its JSON.

    GET /explorer                          the page: search box, view, hops, date, path A-B
    GET /explorer?focus=KEY[&view=neighbourhood|up|down][&hops=N][&as_of=D]
    GET /explorer?path=A,B[&focus=KEY][&as_of=D]      the picture of a finding's evidence
    GET /explorer/evidence?...             the same, for links from reports (redirects)
    GET /explorer/static/NAME              vis-network and the page's own script and style
    GET /explorer/api/search?q=TEXT
    GET /explorer/api/graph?focus=KEY&view=&hops=&as_of=   or   ?path=A,B&as_of=
    GET /explorer/api/expand?node=KIND:KEY&view=&as_of=     one bounded step out from a node

The page and its assets hold no data and need no key; the JSON needs an investigator's or an
operator's API key (as the investigate and ownership routes do), sent by the page from its key
field as `X-API-Key`, with the purpose field as `X-Purpose`. Every query is written to the query
log before it runs; persons are masked for the caller's role. The graph work is all in
`graph_credit.explore`; the store is `request.app.state.store`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import ANALYSTS, require
from api.deps import AuditDep, PrincipalDep, StoreDep
from api.params import AsOfAnyPeriod, bounded
from api.schemas.common import ERROR_RESPONSES
from graph_credit import explore
from graph_credit.errors import InvalidInput, NotFound
from graph_credit.params import NEIGHBOUR_HOPS

router = APIRouter(tags=["explorer"])
data = APIRouter(
    prefix="/explorer/api",
    tags=["explorer"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require(*ANALYSTS))],
)

AsOf = AsOfAnyPeriod
ViewQ = Annotated[str, Query(max_length=20, description="neighbourhood, up (owners) or down (holdings)")]


@router.get("/explorer", response_class=HTMLResponse, include_in_schema=False)
def explorer_page(request: Request) -> HTMLResponse:
    # Relative to the page's own address: the product may sit behind a prefix.
    path = request.scope.get("root_path", "") + "/explorer"
    html = explore.render_page(None, inline_assets=False, static_url=path + "/static", api_url=path + "/api")
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
        raise NotFound(f"no explorer asset {name!r}") from None
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


@data.get("/search", summary="Subjects for the explorer's search box")
def explorer_search(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    q: Annotated[str, Query(min_length=1, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    audit(f"search:{q}")
    return explore.search_hits(store, q, principal.role.value, limit=limit)


@data.get("/graph", summary="A subject's picture (neighbourhood or ownership tree) or the paths between two")
def explorer_graph(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    focus: Annotated[str | None, Query(max_length=64)] = None,
    path: Annotated[
        str | None, Query(max_length=130, description="A,B: the shortest paths between two subjects")
    ] = None,
    view: ViewQ = "neighbourhood",
    hops: Annotated[int, bounded(NEIGHBOUR_HOPS)] = NEIGHBOUR_HOPS.default,
    as_of: AsOf = None,
) -> dict[str, Any]:
    if path:
        ends = [p.strip() for p in path.split(",")]
        if len(ends) != 2 or not all(ends):
            raise InvalidInput(f"path must be two subjects A,B, not {path!r}")
        audit(ends)
        if ends[0] == ends[1]:  # a finding about the candidate itself: its own surroundings
            sg = explore.subject_view(store, ends[0], "neighbourhood", hops=1, as_of=as_of)
        else:
            sg = explore.path_view(store, ends[0], ends[1], as_of=as_of)
        for n in sg.nodes:
            if focus and n.key == focus.strip():
                n.flag("focus")
    elif focus:
        audit(focus)
        sg = explore.subject_view(store, focus.strip(), view, hops=hops, as_of=as_of)
    else:
        raise InvalidInput("give focus=KEY or path=A,B")
    return explore.vis_data(sg, principal.role.value)


@data.get("/expand", summary="One bounded step out from a node of the picture")
def explorer_expand(
    store: StoreDep,
    principal: PrincipalDep,
    audit: AuditDep,
    node: Annotated[str, Query(max_length=80, description="KIND:KEY, the id of the node clicked")],
    view: ViewQ = "neighbourhood",
    as_of: AsOf = None,
) -> dict[str, Any]:
    _kind, key = explore.split_node_id(node)
    audit(key)
    return explore.vis_data(explore.expand_view(store, node, view, as_of=as_of), principal.role.value)


router.include_router(data)
