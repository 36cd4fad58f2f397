"""Shared links (疑似关联): enterprises sharing a legal representative, shareholder, executive, address or phone."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from graph_credit.investigate.fetch import Edge, Fetch, check_kinds
from graph_credit.investigate.kinds import (
    EDGE_ORDER,
    LINK_KINDS,
    LINK_OF_EDGE,
    SHARED_EDGES,
    SUBJECT_KINDS,
    NodeId,
)
from graph_credit.investigate.models import SharedLink, SharedLinks
from graph_credit.investigate.search import resolve
from graph_credit.params import SHARED_PER_LINK
from graph_credit.store.base import GraphStore


def _edge_label(e: Edge) -> str:
    if e.kind == "HOLDS" and e.ratio is not None:
        return f"HOLDS {e.ratio:.2%}"
    return f"{e.kind} {e.role}" if e.role and e.kind != "LEGAL_REP_OF" else e.kind


def shared_links(
    store: GraphStore,
    uscc: str,
    *,
    as_of: dt.date | None = None,
    kinds: Sequence[str] | None = None,
    per_link: int = SHARED_PER_LINK.default,
    max_parties: int = 200,
) -> SharedLinks:
    """Enterprises that share with this one a legal representative, shareholder, executive (or the
    same person in another of these roles: `cross_role`), registered address or phone; each with
    the shared person (masked) or value, up to `per_link` enterprises per shared party or value."""
    lk = check_kinds(kinds, LINK_KINDS, "link kind")
    SHARED_PER_LINK.check(per_link)
    subject = resolve(store, uscc, "Enterprise")
    f = Fetch(store, as_of)
    me = subject.id
    links: list[SharedLink] = []
    truncated: list[str] = []
    party_links = {"legal_rep", "shareholder", "executive", "cross_role"} & set(lk)
    found: list[tuple[NodeId, str, NodeId, str, str]] = []  # (enterprise, link, party, here, there)
    if party_links:
        mine = f.adjacency(
            [me], edge_kinds=SHARED_EDGES, node_kinds=SUBJECT_KINDS, direction="in", limit=max_parties
        )[me]
        if not mine.complete:
            truncated.append(
                f"{subject.label()}: {sum(mine.totals.values()) - len(mine.edges):,} more holders "
                f"and officers not searched (max_parties={max_parties})"
            )
        here: dict[NodeId, list[Edge]] = defaultdict(list)
        for e in mine.edges:
            here[e.src].append(e)
        parties = list(here)
        adj = f.adjacency(
            parties,
            edge_kinds=SHARED_EDGES,
            node_kinds=("Enterprise",),
            direction="out",
            limit=2 * per_link + 1,
        )
        for p in parties:
            there: dict[NodeId, list[Edge]] = defaultdict(list)
            for e in adj[p].edges:
                if e.dst != me:
                    there[e.dst].append(e)
            others = sorted(there)
            other_edges = sum(adj[p].totals.values()) - len(here[p])  # same kinds and period on both sides
            shown_edges = sum(len(there[o]) for o in others[:per_link])
            if other_edges > shown_edges:
                truncated.append(
                    f"{p[1]}: {other_edges - shown_edges:,} more edges to other enterprises "
                    f"not shown (per_link={per_link})"
                )
            for other in others[:per_link]:
                mine_kinds = {e.kind for e in here[p]}
                their_kinds = {e.kind for e in there[other]}
                common = mine_kinds & their_kinds
                for k in sorted(common, key=lambda x: EDGE_ORDER[x]):
                    link = LINK_OF_EDGE[k]
                    if link in lk:
                        h = next(e for e in here[p] if e.kind == k)
                        t = next(e for e in there[other] if e.kind == k)
                        found.append((other, link, p, _edge_label(h), _edge_label(t)))
                if not common and "cross_role" in lk:
                    found.append(
                        (
                            other,
                            "cross_role",
                            p,
                            ", ".join(sorted(_edge_label(e) for e in here[p])),
                            ", ".join(sorted(_edge_label(e) for e in there[other])),
                        )
                    )
    contact = {"address", "phone"} & set(lk)
    values: list[tuple[NodeId, str, str]] = []
    if contact:
        row = f._read("investigate/details_enterprise", keys=[subject.key])[0]
        address = (row.get("address") or "") if "address" in contact else ""
        phone = (row.get("phone") or "") if "phone" in contact else ""
        for link, value in (("address", address), ("phone", phone)):
            if not value:
                continue
            only = {"address": value if link == "address" else "", "phone": value if link == "phone" else ""}
            rows = f._read("investigate/shared_contacts", uscc=subject.key, limit=per_link + 1, **only)
            total = len(rows)
            if total > per_link:
                total = int(f._read("investigate/shared_contact_counts", uscc=subject.key, **only)[0][link])
            values += [(("Enterprise", r["key"]), link, value) for r in rows[:per_link]]
            if total > per_link:
                truncated.append(
                    f"{link} {value!r}: {total - per_link:,} more enterprises not shown (per_link={per_link})"
                )
    refs = f.details([x[0] for x in found] + [x[2] for x in found] + [x[0] for x in values])
    for other, link, party, h, t in found:
        links.append(SharedLink(enterprise=refs[other], link=link, via=refs[party], here=h, there=t))
    for other, link, value in values:
        links.append(SharedLink(enterprise=refs[other], link=link, value=value))
    links.sort(key=lambda s: (LINK_KINDS.index(s.link), s.enterprise.key, s.via.key if s.via else ""))
    return SharedLinks(subject=subject, as_of=as_of, links=links, truncated=truncated)
