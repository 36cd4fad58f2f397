"""Credit records of a subject and of the subjects within k hops, each with the path to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from graph_credit.errors import InvalidInput
from graph_credit.investigate.fetch import Edge, Fetch, check_kinds
from graph_credit.investigate.kinds import RECORD_EDGES, RELATION_EDGES, SUBJECT_KINDS, NodeId
from graph_credit.investigate.models import NodeRef, RecordNear, RecordsNear
from graph_credit.investigate.neighbourhood import Bfs
from graph_credit.investigate.paths import edges_to_path
from graph_credit.investigate.search import resolve
from graph_credit.model import RecordKind, RecordStatus
from graph_credit.params import RECORDS_NEAR_HOPS
from graph_credit.store.base import GraphStore


def records_near(
    store: GraphStore,
    subject: str,
    *,
    hops: int = RECORDS_NEAR_HOPS.default,
    record_kinds: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    as_of: dt.date | None = None,
    edge_kinds: Sequence[str] = RELATION_EDGES,
    max_subjects: int = 300,
    max_neighbours: int = 50,
    max_records: int = 1000,
) -> RecordsNear:
    """Credit records of the subject and of subjects reached within `hops` (≤ 4) through holdings,
    legal representation, offices, guarantees and branches (in force on `as_of`), each with the
    path that leads to it; filterable by record kind and status."""
    RECORDS_NEAR_HOPS.check(hops)
    rk = check_kinds(record_kinds, [k.value for k in RecordKind], "record kind")
    st = check_kinds(statuses, [s.value for s in RecordStatus], "record status")
    ek = check_kinds(edge_kinds, RELATION_EDGES, "relation edge kind")
    root = resolve(store, subject)
    if root.kind not in SUBJECT_KINDS:
        raise InvalidInput(f"records_near needs an enterprise or a person, not a {root.kind}")
    f = Fetch(store, as_of)
    walk = Bfs(
        f,
        root.id,
        hops=hops,
        edge_kinds=ek,
        node_kinds=SUBJECT_KINDS,
        max_nodes=max_subjects,
        max_neighbours=max_neighbours,
    )
    walk.run()
    truncated = [t.message() for t in walk.truncated] + [u.message() for u in walk.unexpanded]
    found: list[tuple[NodeId, Edge]] = []
    adj = f.adjacency(
        walk.order,
        edge_kinds=RECORD_EDGES,
        node_kinds=("CreditRecord",),
        direction="out",
        limit=max_records,
        degrees=walk.degree,
    )
    for n in walk.order:
        a = adj[n]
        if not a.complete:
            truncated.append(f"{n[1]}: {sum(a.totals.values()) - len(a.edges):,} more records not searched")
        found += [(n, e) for e in a.edges]
    recs = f.records(sorted({e.dst[1] for _, e in found}))
    found = [
        (n, e)
        for n, e in found
        if e.dst[1] in recs and recs[e.dst[1]].kind in rk and recs[e.dst[1]].status in st
    ]
    found.sort(key=lambda x: (walk.depth[x[0]], x[1].dst[1], x[0]))
    if len(found) > max_records:
        truncated.append(f"{len(found) - max_records:,} more records not shown (max_records={max_records})")
        found = found[:max_records]
    refs = f.details(walk.order)
    refs[root.id] = root
    out = []
    for holder, e in found:
        rec = recs[e.dst[1]]
        p = edges_to_path(root.id, [*walk.path_to(holder), e], refs)
        p.nodes[-1] = NodeRef(
            kind="CreditRecord", key=rec.record_id, subkind=rec.kind, status=rec.status, name=rec.authority
        )
        out.append(
            RecordNear(
                record=rec,
                holder=refs[holder],
                relation="subject" if e.kind == "SUBJECT_OF" else "responsible",
                distance=walk.depth[holder],
                path=p,
            )
        )
    return RecordsNear(
        subject=root,
        hops=hops,
        as_of=as_of,
        records=out,
        subjects_searched=len(walk.order),
        truncated=truncated,
    )
