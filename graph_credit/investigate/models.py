"""The answers: pydantic models with business keys; persons carry only the name and masked ID."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field

from graph_credit.investigate.kinds import Direction, NodeId


class NodeRef(BaseModel):
    """A node by business key, with display fields; persons carry only the name and masked ID."""

    kind: str
    key: str
    name: str | None = None
    status: str | None = None
    subkind: str | None = Field(None, description="project kind or credit-record kind")
    id_masked: str | None = None

    @property
    def id(self) -> NodeId:
        return (self.kind, self.key)

    def label(self) -> str:
        if self.kind == "CreditRecord":
            return f"{self.subkind or 'record'} {self.key}"
        return self.name or self.key


class EdgeRef(BaseModel):
    kind: str
    src_kind: str
    src: str
    dst_kind: str
    dst: str
    eid: str | None = None
    role: str | None = None
    ratio: float | None = None
    amount: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class SearchHit(BaseModel):
    kind: str
    key: str
    name: str | None
    match: Literal["uscc", "exact", "prefix", "contains"]
    rank: int
    status: str | None = None
    id_masked: str | None = None


class SearchResult(BaseModel):
    query: str
    kinds: list[str]
    partial: bool
    offset: int
    limit: int
    hits: list[SearchHit]
    has_more: bool

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([h.model_dump() for h in self.hits], columns=list(SearchHit.model_fields))


class Truncation(BaseModel):
    """Edges of one kind and direction at one node that the answer leaves out, counted exactly."""

    node: NodeRef
    edge: str
    direction: Direction
    total: int
    shown: int
    reason: Literal["max_neighbours", "max_nodes"]

    @property
    def not_shown(self) -> int:
        return self.total - self.shown

    def message(self) -> str:
        arrow = "outgoing" if self.direction == "out" else "incoming"
        return f"{self.node.label()}: {self.not_shown:,} more {arrow} {self.edge} neighbours not shown ({self.reason})"


class Unexpanded(BaseModel):
    """A node reached but not expanded because the node cap was full; its degree counts every edge."""

    node: NodeRef
    depth: int
    degree: int

    def message(self) -> str:
        return f"{self.node.label()}: not expanded (max_nodes reached), {self.degree:,} edges of any kind or period"


class NeighbourNode(NodeRef):
    depth: int


class Neighbourhood(BaseModel):
    subject: NodeRef
    hops: int
    as_of: dt.date | None
    edge_kinds: list[str]
    node_kinds: list[str]
    max_nodes: int
    max_neighbours: int
    nodes: list[NeighbourNode]
    edges: list[EdgeRef]
    truncated: list[Truncation]
    unexpanded: list[Unexpanded]

    @property
    def complete(self) -> bool:
        return not self.truncated and not self.unexpanded

    def summary(self) -> list[str]:
        return [t.message() for t in self.truncated] + [u.message() for u in self.unexpanded]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([n.model_dump() for n in self.nodes], columns=list(NeighbourNode.model_fields))

    def edges_frame(self) -> pd.DataFrame:
        return pd.DataFrame([e.model_dump() for e in self.edges], columns=list(EdgeRef.model_fields))


class HubNote(BaseModel):
    node: NodeRef
    degree: int


class Path(BaseModel):
    """A path as node and edge lists: `edges[i]` joins `nodes[i]` and `nodes[i + 1]`; `parallel` holds
    other edges between the same consecutive nodes."""

    nodes: list[NodeRef]
    edges: list[EdgeRef]
    parallel: list[EdgeRef] = []
    through_hubs: list[str] = []

    @property
    def length(self) -> int:
        return len(self.edges)

    def keys(self) -> list[str]:
        return [n.key for n in self.nodes]

    def text(self) -> str:
        out = self.nodes[0].label()
        for e, n in zip(self.edges, self.nodes[1:], strict=True):
            arrow = f"-[{e.kind}]->" if e.dst == n.key else f"<-[{e.kind}]-"
            out += f" {arrow} {n.label()}"
        return out


def _paths_frame(paths: Sequence[Path]) -> pd.DataFrame:
    rows = []
    for i, p in enumerate(paths):
        for j, (e, a, b) in enumerate(zip(p.edges, p.nodes, p.nodes[1:], strict=False)):
            rows.append(
                {
                    "path": i,
                    "hop": j + 1,
                    "length": p.length,
                    "from_kind": a.kind,
                    "from": a.key,
                    "from_name": a.name,
                    "edge": e.kind,
                    "src": e.src,
                    "dst": e.dst,
                    "role": e.role,
                    "ratio": e.ratio,
                    "amount": e.amount,
                    "since": e.since,
                    "until": e.until,
                    "to_kind": b.kind,
                    "to": b.key,
                    "to_name": b.name,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "path",
            "hop",
            "length",
            "from_kind",
            "from",
            "from_name",
            "edge",
            "src",
            "dst",
            "role",
            "ratio",
            "amount",
            "since",
            "until",
            "to_kind",
            "to",
            "to_name",
        ],
    )


class PathResult(BaseModel):
    source: NodeRef
    target: NodeRef
    mode: Literal["shortest", "all"]
    max_hops: int
    as_of: dt.date | None
    edge_kinds: list[str]
    paths: list[Path]
    complete: bool = Field(description="the search covered every path it was asked for within max_hops")
    hubs_not_expanded: list[HubNote]
    notes: list[str]
    nodes_expanded: int
    edges_fetched: int

    def to_frame(self) -> pd.DataFrame:
        return _paths_frame(self.paths)


class SharedLink(BaseModel):
    enterprise: NodeRef
    link: str
    via: NodeRef | None = None
    value: str | None = None
    here: str | None = Field(None, description="the shared party's edge to the subject (kind and role)")
    there: str | None = Field(None, description="the shared party's edge to the other enterprise")


class SharedLinks(BaseModel):
    subject: NodeRef
    as_of: dt.date | None
    links: list[SharedLink]
    truncated: list[str]

    def enterprises(self) -> pd.DataFrame:
        """One row per linked enterprise, with how many links and of which kinds."""
        frame = self.to_frame()
        if frame.empty:
            return pd.DataFrame(columns=["uscc", "name", "links", "kinds"])
        g = frame.groupby(["uscc", "name"], dropna=False)["link"]
        out = g.agg(links="count", kinds=lambda s: ",".join(sorted(set(s)))).reset_index()
        return out.sort_values(["links", "uscc"], ascending=[False, True], ignore_index=True)

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "uscc": s.enterprise.key,
                "name": s.enterprise.name,
                "status": s.enterprise.status,
                "link": s.link,
                "via_kind": s.via.kind if s.via else None,
                "via": s.via.key if s.via else s.value,
                "via_name": s.via.name if s.via else None,
                "via_id_masked": s.via.id_masked if s.via else None,
                "here": s.here,
                "there": s.there,
            }
            for s in self.links
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "uscc",
                "name",
                "status",
                "link",
                "via_kind",
                "via",
                "via_name",
                "via_id_masked",
                "here",
                "there",
            ],
        )


class Cycle(Path):
    share: float | None = Field(None, description="for HOLDS, the product of the ratios around the cycle")


class Cycles(BaseModel):
    subject: NodeRef
    edge_kind: str
    max_hops: int
    as_of: dt.date | None
    cycles: list[Cycle]
    complete: bool
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        frame = _paths_frame(self.cycles)
        frame.insert(1, "share", [self.cycles[i].share for i in frame["path"]] if len(frame) else [])
        return frame


class ChainNode(NodeRef):
    direction: Literal["down", "up"]
    depth: int


class GuaranteeChains(BaseModel):
    """Chains of GUARANTEES from a subject: `down` follows whom it guarantees (its exposure), `up`
    follows who guarantees it, each to `max_hops`."""

    subject: NodeRef
    direction: Literal["down", "up", "both"]
    max_hops: int
    as_of: dt.date | None
    nodes: list[ChainNode]
    chains: list[Path]
    truncated: list[Truncation]
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        return _paths_frame(self.chains)


class RecordRef(BaseModel):
    record_id: str
    kind: str | None
    status: str | None
    category: str | None = None
    level: str | None = None
    authority: str | None = None
    decision_date: dt.date | None = None
    valid_until: dt.date | None = None
    summary: str | None = None


class RecordNear(BaseModel):
    record: RecordRef
    holder: NodeRef
    relation: Literal["subject", "responsible"]
    distance: int = Field(description="hops from the subject to the record's holder")
    path: Path = Field(description="from the subject to the holder, then to the record")


class RecordsNear(BaseModel):
    subject: NodeRef
    hops: int
    as_of: dt.date | None
    records: list[RecordNear]
    subjects_searched: int
    truncated: list[str]

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "record_id": r.record.record_id,
                "kind": r.record.kind,
                "status": r.record.status,
                "authority": r.record.authority,
                "decision_date": r.record.decision_date,
                "valid_until": r.record.valid_until,
                "holder_kind": r.holder.kind,
                "holder": r.holder.key,
                "holder_name": r.holder.name,
                "relation": r.relation,
                "distance": r.distance,
                "path": r.path.text(),
            }
            for r in self.records
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "record_id",
                "kind",
                "status",
                "authority",
                "decision_date",
                "valid_until",
                "holder_kind",
                "holder",
                "holder_name",
                "relation",
                "distance",
                "path",
            ],
        )


class ParamInfo(BaseModel):
    name: str
    type: str
    default: str | None
    required: bool


class FunctionInfo(BaseModel):
    name: str
    module: str
    purpose: str
    params: list[ParamInfo]
    cli: str | None


class QueryInfo(BaseModel):
    name: str
    purpose: str
    mode: str
    params: list[str]
    engines: list[str] = Field(description="engines with a variant of their own; empty: one shared text")


class Catalogue(BaseModel):
    functions: list[FunctionInfo]
    queries: list[QueryInfo]

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "kind": "function",
                "name": f.name,
                "purpose": f.purpose,
                "params": ", ".join(p.name if p.required else f"{p.name}={p.default}" for p in f.params),
            }
            for f in self.functions
        ] + [
            {"kind": f"query ({q.mode})", "name": q.name, "purpose": q.purpose, "params": ", ".join(q.params)}
            for q in self.queries
        ]
        return pd.DataFrame(rows, columns=["kind", "name", "purpose", "params"])
