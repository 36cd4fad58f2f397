"""Which writes change what the topology index holds, so the others can leave it in place.

What the index holds is read off the queries it is built from (`cypher/topology/`, generated from
the model): the node tables it reads and, of each, the properties its RETURN names (key and
display fields); the edge tables it reads and their properties. A write query says what it
changes in its `// touches:` header (graph_credit.queries); `written_by(text)` reads the same off
the text (the tables of the patterns a CREATE or MERGE makes, the properties a SET or REMOVE
gives, the items a DELETE takes, COPY and DROP TABLE targets), and a write's effect is judged on
both together, so a header that says too little cannot make the index keep a stale edge (the
tests require the header to cover the text as well).

- `structural`: it adds or removes nodes or edges the index holds, or changes an edge property
  or a node field the index cannot patch: the index is rebuilt;
- `fields`: it sets node fields the index keeps as small codes (a record's status, a subkind):
  the index is patched from the rows the write returns (`<key property>` and each field, named as
  the properties), or rebuilt where they are missing;
- neither: lifecycle events, restrictions, tasks, anything the index does not hold. The index
  stays.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from graph_credit.model import DERIVED_EDGE_KINDS, EDGE_KINDS
from graph_credit.queries import Query, registry

#: Node fields the index keeps as one-byte codes into a vocabulary: patched in place.
PATCHABLE = {"status": "status", "kind": "subkind"}

_NODE_READ = re.compile(r"MATCH\s*\(\s*n\s*:\s*(\w+)\s*\)")
_EDGE_READ = re.compile(r"MATCH\s*\(\s*a\s*:\s*(\w+)\s*\)-\[\s*r\s*:\s*(\w+)\s*\]->\(\s*b\s*:\s*(\w+)\s*\)")


@dataclass(frozen=True)
class Held:
    nodes: dict[str, frozenset[str]]  # table -> properties read
    edges: dict[str, frozenset[str]]


@cache
def held() -> Held:
    """The tables and properties the index build reads (its LadybugDB texts)."""
    nodes: dict[str, set[str]] = defaultdict(set)
    edges: dict[str, set[str]] = defaultdict(set)
    for q in registry().all_for("ladybug"):
        if not q.name.startswith("topology/"):
            continue
        if m := _NODE_READ.search(q.text):
            nodes[m.group(1)] |= set(re.findall(r"\bn\.(\w+)", q.text))
        elif m := _EDGE_READ.search(q.text):
            edges[m.group(2)] |= set(re.findall(r"\br\.(\w+)", q.text))
    return Held(
        nodes={k: frozenset(v) for k, v in nodes.items()}, edges={k: frozenset(v) for k, v in edges.items()}
    )


@dataclass(frozen=True)
class WriteEffect:
    structural: bool
    fields: dict[str, frozenset[str]] = field(default_factory=dict)  # node table -> patchable fields

    @property
    def neutral(self) -> bool:
        return not self.structural and not self.fields


# --- what a text writes -------------------------------------------------------------------------

_CLAUSE = re.compile(
    r"\b(OPTIONAL\s+MATCH|MATCH|CREATE|MERGE|ON\s+CREATE\s+SET|ON\s+MATCH\s+SET|SET|DETACH\s+DELETE|DELETE|"
    r"REMOVE|RETURN|WITH|UNWIND|WHERE|LOAD\s+FROM|ORDER\s+BY|LIMIT|SKIP|CALL|COPY|FOREACH)\b",
    re.IGNORECASE,
)
_PATTERN = re.compile(r"[(\[]\s*(\w*)\s*:\s*(\w+(?:\s*[|:]\s*\w+)*)")
_DDL = re.compile(r"\b(CREATE|ALTER|DROP)\s+(NODE\s+TABLE|REL\s+TABLE|CONSTRAINT|INDEX)\b", re.IGNORECASE)
_DROP_TABLE = re.compile(r"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_COPY = re.compile(r"\bCOPY\s+(\w+)\s+FROM\b", re.IGNORECASE)


def _strip(text: str) -> str:
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


def _labels(group: str) -> list[str]:
    return [x for x in re.split(r"[\s|:]+", group) if x]


def _incident(table: str) -> set[str]:
    """Edge tables with `table` at one end: a DETACH DELETE of its nodes removes those too."""
    return {
        e.name
        for e in (*EDGE_KINDS.values(), *DERIVED_EDGE_KINDS.values())
        if any(table in pair for pair in e.pairs)
    }


def written_by(text: str) -> set[str]:
    """What a Cypher text writes, as `touches` items (`Table`, `Table.property`, `*` for anything)."""
    t = _strip(text)
    if _DDL.search(t):
        return {"*"}
    out: set[str] = set()
    for m in _DROP_TABLE.finditer(t):
        out |= {m.group(1), *_incident(m.group(1))}
    for m in _COPY.finditer(t):
        out.add(m.group(1))
    labels: dict[str, set[str]] = defaultdict(set)
    for m in _PATTERN.finditer(t):
        if m.group(1):
            labels[m.group(1)].update(_labels(m.group(2)))
    marks = list(_CLAUSE.finditer(t))
    for i, m in enumerate(marks):
        word = re.sub(r"\s+", " ", m.group(1).upper())
        body = t[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(t)]
        if word in ("CREATE", "MERGE"):
            for p in _PATTERN.finditer(body):
                out.update(_labels(p.group(2)))
        elif word in ("SET", "ON CREATE SET", "ON MATCH SET", "REMOVE"):
            for item in body.split(","):
                if pm := re.match(r"\s*(\w+)\s*\.\s*(\w+)", item):
                    of = labels.get(pm.group(1))
                    out.update({f"{lab}.{pm.group(2)}" for lab in of} if of else {"*"})
                elif pm := re.match(r"\s*(\w+)\s*(\+?=|:)", item):
                    of = labels.get(pm.group(1))
                    out.update(of if of else {"*"})
                    if pm.group(2) == ":":
                        out.update(_labels(item.split(":", 1)[1]))
        elif word in ("DELETE", "DETACH DELETE"):
            for var in re.findall(r"\w+", body):
                of = labels.get(var)
                if not of:
                    out.add("*")
                    continue
                out.update(of)
                if word == "DETACH DELETE":
                    for lab in of:
                        out.update(_incident(lab))
        elif word in ("CALL", "FOREACH"):
            out.add("*")
    return out or {"*"}


def covers(declared: set[str], written: set[str]) -> set[str]:
    """The items of `written` the declaration does not cover (`T` covers `T.p`; `*` covers all)."""
    if "*" in declared:
        return set()
    return {w for w in written if w not in declared and w.split(".", 1)[0] not in declared}


# --- the effect on the index -------------------------------------------------------------------


def effect_of(touched: set[str]) -> WriteEffect:
    h = held()
    if "*" in touched:
        return WriteEffect(structural=True)
    fields: dict[str, set[str]] = defaultdict(set)
    for item in touched:
        table, _, prop = item.partition(".")
        if table in h.edges and (not prop or prop in h.edges[table]):
            return WriteEffect(structural=True)
        if table in h.nodes:
            if not prop:
                return WriteEffect(structural=True)
            if prop in h.nodes[table]:
                if prop not in PATCHABLE:
                    return WriteEffect(structural=True)
                fields[table].add(prop)
    return WriteEffect(structural=False, fields={k: frozenset(v) for k, v in fields.items()})


@cache
def write_effect(query: Query) -> WriteEffect:
    """What a write query does to the index, from its header and its text together."""
    touched = written_by(query.text) | set(query.touches or ("*",))
    return effect_of(touched)
