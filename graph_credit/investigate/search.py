"""Resolving a key to a node, and searching by USCC, enterprise name and person name."""

from __future__ import annotations

from collections.abc import Sequence

from graph_credit.errors import InvalidInput, NotFound
from graph_credit.identifiers import is_uscc, normalize_uscc
from graph_credit.investigate.fetch import Fetch, check_kinds, check_range, node_ref
from graph_credit.investigate.kinds import ALL_NODE_KINDS, DETAILS_QUERY, SUBJECT_KINDS
from graph_credit.investigate.models import NodeRef, SearchHit, SearchResult
from graph_credit.store.base import GraphStore


def resolve(store: GraphStore, key: str, kind: str | None = None) -> NodeRef:
    """Find a node by business key: a valid USCC is an enterprise; otherwise a person key, a
    project code or a record id, tried in that order (or only `kind`)."""
    key = (key or "").strip()
    if not key:
        raise InvalidInput("no subject key given")
    f = Fetch(store, None)
    if kind is not None:
        check_kinds([kind], ALL_NODE_KINDS, "node kind")
        candidates = [(kind, normalize_uscc(key) if kind == "Enterprise" and is_uscc(key) else key)]
    elif is_uscc(key):
        candidates = [("Enterprise", normalize_uscc(key))]
    else:
        candidates = [(k, key) for k in ("Person", "Project", "CreditRecord", "Enterprise")]
    for cand in candidates:
        rows = f._read(DETAILS_QUERY[cand[0]], keys=[cand[1]])
        if rows:
            return node_ref(cand[0], rows[0])
    raise NotFound(f"no {kind or 'enterprise, person, project or record'} with key {key!r}")


def search(
    store: GraphStore,
    q: str,
    *,
    kinds: Sequence[str] = SUBJECT_KINDS,
    partial: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Find enterprises by USCC (exact) or name, and persons by name; exact matches first, then
    names starting with the text, then names containing it (shorter names first); paginated.
    Persons show only name and masked ID. A valid USCC is looked up by key; a name search scans
    the table (LadybugDB has no text index offline)."""
    text = (q or "").strip()
    if not text:
        raise InvalidInput("empty search text")
    kinds = check_kinds(kinds, SUBJECT_KINDS, "search kind")
    check_range("limit", limit, 1, 1000)
    check_range("offset", offset, 0, 100_000)
    want = offset + limit + 1
    f = Fetch(store, None)
    hits: list[SearchHit] = []
    match_of = {1: "exact", 2: "prefix", 3: "contains"}
    by_name = (
        ("investigate/search_enterprise_name", "investigate/search_person_name")
        if partial
        else ("investigate/search_enterprise_name_exact", "investigate/search_person_name_exact")
    )
    if is_uscc(text):  # a valid code is looked up by the index, never scanned for in names
        if "Enterprise" in kinds:
            for r in f._read("investigate/search_uscc", uscc=normalize_uscc(text)):
                hits.append(
                    SearchHit(
                        kind="Enterprise",
                        key=r["key"],
                        name=r["name"],
                        match="uscc",
                        rank=0,
                        status=r["status"],
                    )
                )
        kinds_by_name: list[str] = []
    else:
        kinds_by_name = kinds
    if "Enterprise" in kinds_by_name:
        for r in f._read(by_name[0], q=text, limit=want):
            hits.append(
                SearchHit(
                    kind="Enterprise",
                    key=r["key"],
                    name=r["name"],
                    match=match_of[r["rank"]],
                    rank=int(r["rank"]),
                    status=r["status"],
                )
            )
    if "Person" in kinds_by_name:
        for r in f._read(by_name[1], q=text, limit=want):
            hits.append(
                SearchHit(
                    kind="Person",
                    key=r["key"],
                    name=r["name"],
                    match=match_of[r["rank"]],
                    rank=int(r["rank"]),
                    id_masked=r["id_masked"],
                )
            )
    unique = {(h.kind, h.key): h for h in reversed(hits)}  # a USCC hit wins over the same row by name
    ordered = sorted(unique.values(), key=lambda h: (h.rank, len(h.name or ""), h.name or "", h.kind, h.key))
    return SearchResult(
        query=text,
        kinds=list(kinds),
        partial=partial,
        offset=offset,
        limit=limit,
        hits=ordered[offset : offset + limit],
        has_more=len(ordered) > offset + limit,
    )
