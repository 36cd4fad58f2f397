"""The explorer's input: one small `Subgraph` of nodes and edges, whatever query it came from."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from graph_credit.errors import InvalidInput

Layout = Literal["physics", "tree_up", "tree_down", "path"]
Flag = Literal["focus", "sanctioned", "restricted", "record", "monitored", "red_list", "more"]


class RecordMark(BaseModel):
    """A credit record behind a node's mark: in force, or (monitoring) ended with its subject still
    a key monitoring object (004 §20)."""

    record_id: str
    kind: str | None
    level: str | None = None
    relation: Literal["subject", "responsible", "punishment", "monitoring"]
    note: str | None = None


class SubNode(BaseModel):
    kind: str = Field(description="Enterprise, Person, Project or CreditRecord")
    key: str
    label: str
    status: str | None = None
    subkind: str | None = Field(None, description="project kind or credit-record kind")
    org_type: str | None = None
    id_masked: str | None = None
    level: int | None = Field(None, description="hops from the focus (the layer in a tree)")
    effective_share: float | None = Field(None, description="integrated share in (or of) the tree's subject")
    flags: list[str] = Field(default_factory=list)
    marks: list[RecordMark] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="what was left out around this node")

    @property
    def id(self) -> str:
        return node_id(self.kind, self.key)

    def flag(self, f: str) -> None:
        if f not in self.flags:
            self.flags.append(f)


class SubEdge(BaseModel):
    kind: str
    src: str = Field(description="node id (kind:key) of the edge's source")
    dst: str
    role: str | None = None
    share: float | None = None
    effective_share: float | None = None
    amount: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    eid: str | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.src}>{self.dst}:{self.eid or self.role or ''}"


class Subgraph(BaseModel):
    title: str
    layout: Layout = "physics"
    focus: list[str] = Field(default_factory=list, description="ids of the nodes the picture is about")
    as_of: dt.date | None = None
    nodes: list[SubNode] = Field(default_factory=list)
    edges: list[SubEdge] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def node(self, nid: str) -> SubNode:
        for n in self.nodes:
            if n.id == nid:
                return n
        raise KeyError(nid)

    def add_node(self, n: SubNode) -> SubNode:
        """Add a node, or merge it into the one with the same id (flags, marks and notes join)."""
        for old in self.nodes:
            if old.id == n.id:
                for f in n.flags:
                    old.flag(f)
                old.marks += [m for m in n.marks if m not in old.marks]
                old.notes += [x for x in n.notes if x not in old.notes]
                if old.level is None:
                    old.level = n.level
                return old
        self.nodes.append(n)
        return n

    def add_edge(self, e: SubEdge) -> None:
        if all(old.id != e.id for old in self.edges):
            self.edges.append(e)

    def merge(self, other: Subgraph) -> Subgraph:
        out = self.model_copy(deep=True)
        for n in other.nodes:
            out.add_node(n.model_copy(deep=True))
        for e in other.edges:
            out.add_edge(e)
        out.notes += [x for x in other.notes if x not in out.notes]
        return out


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    kind, sep, key = nid.partition(":")
    if not sep or not key:
        raise InvalidInput(f"node id {nid!r} is not KIND:KEY")
    return kind, key
