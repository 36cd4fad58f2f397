"""Named queries: every query is a file in `cypher/`, loaded by name, with engine variants.

`cypher/<area>/<name>.cypher` holds the text both engines accept; `<name>.ladybug.cypher` or
`<name>.neo4j.cypher` beside it holds an engine's own spelling where the dialects differ, and is
preferred for that engine. A file starts with a header of `//` comment lines:

    // purpose: one line saying what the query answers
    // mode: read | write
    // params: uscc, as_of          (names of the $parameters, for the catalogue)
    // touches: CreditRecord.status, RecordEvent, HAS_EVENT    (write queries: what they change)

`touches` names the tables a write creates or deletes items of (`RecordEvent`), the properties it
sets on existing items (`CreditRecord.status`), or `*` (anything: DDL, a wipe). The topology index
(graph_credit.topology.relevance) keeps itself across the writes that touch nothing it holds;
tests/test_write_touches.py checks every write query declares at least what its text writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from graph_credit.errors import NotFound
from graph_credit.resources import cypher_root

Engine = Literal["ladybug", "neo4j"]
ENGINES: tuple[Engine, ...] = ("ladybug", "neo4j")
CYPHER_ROOT = cypher_root()

_HEADER = re.compile(r"^//\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")
# A node pattern whose property is bound to a parameter, `(e:Enterprise {uscc: $key})`: every one
# in cypher/ binds a primary key (tests/test_queries.py checks), so the plan starts from a lookup.
KEY_LOOKUP = re.compile(r"\(\s*\w*\s*:\s*(\w+)\s*\{\s*(\w+)\s*:\s*\$\w+")


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    engine: Engine | None  # None: the shared text
    mode: Literal["read", "write"]
    purpose: str
    params: tuple[str, ...]
    path: Path = field(compare=False)
    touches: tuple[str, ...] | None = None  # write queries: see the module docstring; None: undeclared

    @property
    def key_lookups(self) -> list[tuple[str, str]]:
        """(table, property) of each node pattern bound to a parameter."""
        return KEY_LOOKUP.findall(self.text)

    @property
    def point(self) -> bool:
        """Starts from a key lookup: a few rows, which one thread answers sooner than several."""
        return bool(self.key_lookups)

    @property
    def used_params(self) -> set[str]:
        return set(_PARAM.findall(self.text))


def _parse(path: Path, name: str, engine: Engine | None) -> Query:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not body and stripped.startswith("//"):
            m = _HEADER.match(stripped)
            if m:
                header[m.group(1).lower()] = m.group(2).strip()
        elif stripped or body:
            body.append(line)
    mode = header.get("mode", "read")
    if mode not in ("read", "write"):
        raise ValueError(f"{path}: mode must be read or write, not {mode!r}")
    params = tuple(p.strip() for p in header.get("params", "").split(",") if p.strip())
    text = "\n".join(body).strip().rstrip(";")
    touches = (
        tuple(t.strip() for t in header["touches"].split(",") if t.strip()) if "touches" in header else None
    )
    return Query(name, text, engine, mode, header.get("purpose", ""), params, path, touches)  # type: ignore[arg-type]


class QueryRegistry:
    def __init__(self, root: Path = CYPHER_ROOT) -> None:
        self.root = root
        self._generic: dict[str, Query] = {}
        self._variants: dict[tuple[str, Engine], Query] = {}
        for path in sorted(root.rglob("*.cypher")):
            rel = path.relative_to(root).as_posix()[: -len(".cypher")]
            stem, _, suffix = rel.rpartition(".")
            if stem and suffix in ENGINES:
                self._variants[(stem, suffix)] = _parse(path, stem, suffix)  # type: ignore[arg-type]
            else:
                self._generic[rel] = _parse(path, rel, None)

    def names(self) -> list[str]:
        return sorted(set(self._generic) | {n for n, _ in self._variants})

    def get(self, name: str, engine: Engine) -> Query:
        q = self._variants.get((name, engine)) or self._generic.get(name)
        if q is None:
            raise NotFound(f"no query named {name!r} for engine {engine}")
        return q

    def all_for(self, engine: Engine) -> list[Query]:
        """Every query as the given engine would run it (variant if present, else generic)."""
        out = []
        for name in self.names():
            try:
                out.append(self.get(name, engine))
            except NotFound:
                continue
        return out


@cache
def registry() -> QueryRegistry:
    return QueryRegistry()
