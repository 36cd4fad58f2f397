"""Generate both engines' DDL and the per-kind load queries from `graph_credit.model`.

The output is committed under `cypher/schema/` and `cypher/load/` so that every query stays a
file one can read and paste; `tests/test_model.py` fails when the files drift from the model.
Regenerate with `python -m graph_credit.schema`.
"""

from __future__ import annotations

from pathlib import Path

from graph_credit.model import (
    DERIVED_EDGE_KINDS,
    DERIVED_NODE_KINDS,
    EDGE_KINDS,
    NODE_KINDS,
    EdgeKind,
    NodeKind,
)
from graph_credit.queries import CYPHER_ROOT

GENERATED = "// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit\n"


def _snake(name: str) -> str:
    out = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return out.replace("__", "_")


def node_slug(kind: NodeKind) -> str:
    return _snake(kind.name)


def edge_slug(kind: EdgeKind, src: str, dst: str) -> str:
    return f"{kind.name.lower()}_{_snake(src)}_{_snake(dst)}"


# The names of the generated query families: the generator below writes these files and the callers
# ask for them through these functions, so a grep for one finds both.


def load_query_name(slug: str, step: str) -> str:
    """`load/<table>_<step>`: `existing` (read), `insert`, `update` (writes) of one node or edge table."""
    return f"load/{slug}_{step}"


def topology_nodes_query_name(kind: NodeKind) -> str:
    return f"topology/nodes_{node_slug(kind)}"


def topology_edges_query_name(kind: EdgeKind, src: str, dst: str) -> str:
    return f"topology/edges_{edge_slug(kind, src, dst)}"


def _header(purpose: str, mode: str, params: str, touches: str = "") -> str:
    """The query header; a write names what it touches (graph_credit.queries)."""
    if (mode == "write") != bool(touches):
        raise ValueError(f"{purpose}: a write query, and only a write query, says what it touches")
    touched = f"// touches: {touches}\n" if touches else ""
    return f"// purpose: {purpose}\n// mode: {mode}\n// params: {params}\n{touched}{GENERATED}"


# Derived kinds get tables (and constraints) but no load queries: they are not bundle files.
ALL_NODE_KINDS = {**NODE_KINDS, **DERIVED_NODE_KINDS}
ALL_EDGE_KINDS = {**EDGE_KINDS, **DERIVED_EDGE_KINDS}


# Columns added to a table after databases with that table existed: LadybugDB's schema is typed,
# and CREATE ... IF NOT EXISTS leaves an older table as it was, so a writable store adds these to
# it when it opens (`schema/upgrade`); a new table has them from its CREATE.
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("Restriction", "pushed_on"),)


def ladybug_upgrade() -> str:
    return "".join(
        f"ALTER TABLE {table} ADD IF NOT EXISTS {column} {ALL_NODE_KINDS[table].properties[column]};\n"
        for table, column in ADDED_COLUMNS
    )


def ladybug_ddl() -> str:
    stmts = []
    for k in ALL_NODE_KINDS.values():
        cols = ", ".join([f"{k.key} STRING PRIMARY KEY", *(f"{p} {t}" for p, t in k.properties.items())])
        stmts.append(f"CREATE NODE TABLE IF NOT EXISTS {k.name}({cols});")
    for e in ALL_EDGE_KINDS.values():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in e.pairs)
        cols = ", ".join(f"{p} {t}" for p, t in {"eid": "STRING", **e.properties}.items())
        stmts.append(f"CREATE REL TABLE IF NOT EXISTS {e.name}({pairs}, {cols});")
    return "\n".join(stmts) + "\n"


#: Node kinds searched by name.
NAME_SEARCH = ("Enterprise", "Person")


def neo4j_ddl() -> str:
    stmts = []
    for k in ALL_NODE_KINDS.values():
        stmts.append(
            f"CREATE CONSTRAINT {node_slug(k)}_{k.key} IF NOT EXISTS "
            f"FOR (n:{k.name}) REQUIRE n.{k.key} IS UNIQUE;"
        )
    for e in ALL_EDGE_KINDS.values():
        stmts.append(f"CREATE INDEX {e.name.lower()}_eid IF NOT EXISTS FOR ()-[r:{e.name}]-() ON (r.eid);")
    # Name search (investigate/search_*_name*): a text index serves CONTAINS, a range index the
    # exact name; without them Neo4j scans the label (LadybugDB has no such index offline).
    for name in NAME_SEARCH:
        k = ALL_NODE_KINDS[name]
        stmts.append(
            f"CREATE TEXT INDEX {node_slug(k)}_name_text IF NOT EXISTS FOR (n:{k.name}) ON (n.name);"
        )
        stmts.append(f"CREATE INDEX {node_slug(k)}_name IF NOT EXISTS FOR (n:{k.name}) ON (n.name);")
    return "\n".join(stmts) + "\n"


def _node_files(k: NodeKind) -> dict[str, str]:
    slug = node_slug(k)
    props = ", ".join(f"{c}: r.{c}" for c in k.columns)
    sets = ", ".join(f"n.{p} = r.{p}" for p in k.properties)
    returns = ", ".join(f"n.{p} AS {p}" for p in k.properties)
    # LOAD FROM binds each column of the frame by name, typed by the frame's Arrow schema;
    # UNWIND of Python dicts would infer STRING for a column that is null in every row.
    load_sets = ", ".join(f"n.{p} = {p}" for p in k.properties)
    return {
        f"load/{slug}_existing.cypher": _header(
            f"every stored {k.name}, to compare a bundle with", "read", ""
        )
        + f"MATCH (n:{k.name})\nRETURN n.{k.key} AS key, {returns}\n",
        f"load/{slug}_insert.ladybug.cypher": _header(
            f"bulk-insert new {k.name} nodes", "write", "frame", k.name
        )
        + f"COPY {k.name} FROM $frame\n",
        f"load/{slug}_insert.neo4j.cypher": _header(
            f"bulk-insert new {k.name} nodes", "write", "rows", k.name
        )
        + f"UNWIND $rows AS r\nCREATE (n:{k.name} {{{props}}})\n",
        f"load/{slug}_update.ladybug.cypher": _header(
            f"update changed {k.name} nodes in place", "write", "frame", k.name
        )
        + f"LOAD FROM $frame\nMATCH (n:{k.name} {{{k.key}: {k.key}}})\nSET {load_sets}\n",
        f"load/{slug}_update.neo4j.cypher": _header(
            f"update changed {k.name} nodes in place", "write", "rows", k.name
        )
        + f"UNWIND $rows AS r\nMATCH (n:{k.name} {{{k.key}: r.{k.key}}})\nSET {sets}\n",
    }


def _end_key(var: str, kinds: list[str]) -> str:
    """The business key of an edge's end, whichever of its node kinds it is."""
    keys = list(dict.fromkeys(NODE_KINDS[k].key for k in kinds))
    return f"{var}.{keys[0]}" if len(keys) == 1 else f"coalesce({', '.join(f'{var}.{k}' for k in keys)})"


def _edge_files(e: EdgeKind) -> dict[str, str]:
    props = ", ".join(f"{c}: r.{c}" for c in e.columns)
    sets = ", ".join(f"h.{p} = r.{p}" for p in e.properties)
    returns = ", ".join(["h.eid AS key", *(f"h.{p} AS {p}" for p in e.properties)])
    load_sets = ", ".join(f"h.{p} = {p}" for p in e.properties)
    out = {
        f"load/{e.name.lower()}_existing.cypher": _header(
            f"every stored {e.name} edge, to compare a bundle with", "read", ""
        )
        + f"MATCH ()-[h:{e.name}]->()\nRETURN {returns}\n",
        # A later bundle corrects or withdraws a row: its edge is read (to keep it in the history)
        # and deleted by its identity.
        f"load/{e.name.lower()}_one.cypher": _header(
            f"one {e.name} edge by its identity: its two ends and its properties", "read", "eid"
        )
        + f"MATCH (a)-[h:{e.name} {{eid: $eid}}]->(b)\n"
        + f"RETURN {_end_key('a', [s for s, _ in e.pairs])} AS src, {_end_key('b', [d for _, d in e.pairs])} AS dst"
        + "".join(f", h.{p} AS {p}" for p in e.properties)
        + "\n",
        f"load/{e.name.lower()}_delete.cypher": _header(
            f"delete one {e.name} edge by its identity (a corrected or withdrawn bundle row)",
            "write",
            "eid",
            e.name,
        )
        + f"MATCH ()-[h:{e.name} {{eid: $eid}}]->()\nDELETE h\n",
    }
    for src, dst in e.pairs:
        slug = edge_slug(e, src, dst)
        a, b = NODE_KINDS[src], NODE_KINDS[dst]
        match = f"MATCH (a:{src} {{{a.key}: r.src}})\nMATCH (b:{dst} {{{b.key}: r.dst}})\n"
        out[f"load/{slug}_insert.ladybug.cypher"] = (
            _header(f"bulk-insert new {e.name} edges from {src} to {dst}", "write", "frame", e.name)
            + f"COPY {e.name} FROM $frame (from='{src}', to='{dst}')\n"
        )
        out[f"load/{slug}_insert.neo4j.cypher"] = (
            _header(f"bulk-insert new {e.name} edges from {src} to {dst}", "write", "rows", e.name)
            + f"UNWIND $rows AS r\n{match}CREATE (a)-[:{e.name} {{{props}}}]->(b)\n"
        )
        if not e.properties:
            continue  # the identity is the whole content: nothing to update
        purpose = f"update changed {e.name} edges from {src} to {dst} in place"
        out[f"load/{slug}_update.ladybug.cypher"] = (
            _header(purpose, "write", "frame", e.name)
            + f"LOAD FROM $frame\nMATCH (a:{src} {{{a.key}: src}})-[h:{e.name} {{eid: eid}}]->"
            f"(b:{dst} {{{b.key}: dst}})\nSET {load_sets}\n"
        )
        out[f"load/{slug}_update.neo4j.cypher"] = (
            _header(purpose, "write", "rows", e.name)
            + f"UNWIND $rows AS r\nMATCH (a:{src} {{{a.key}: r.src}})-[h:{e.name} {{eid: r.eid}}]->"
            f"(b:{dst} {{{b.key}: r.dst}})\nSET {sets}\n"
        )
    return out


def _topology_files() -> dict[str, str]:
    """Bulk reads for the read-side topology index (graph_credit/topology): every node's id, key and
    display fields, every edge's two ends with its properties, one query per node kind and per (edge kind, pair).
    LadybugDB returns its internal offsets as ids (dense integers, no strings to map); Neo4j the
    business keys."""
    out = {}
    for k in NODE_KINDS.values():
        slug = node_slug(k)
        # The display fields of an answer's nodes (investigate.NodeRef): a project's or record's
        # `kind` is its subkind.
        shown = [(p, "subkind" if p == "kind" else p) for p in ("name", "status", "kind", "id_masked")]
        display = "".join(f", n.{p} AS {alias}" for p, alias in shown if p in k.properties)
        purpose = f"every {k.name} node's id, business key and display fields (topology index build)"
        out[f"topology/nodes_{slug}.cypher"] = (
            _header(purpose, "read", "")
            + f"MATCH (n:{k.name})\nRETURN n.{k.key} AS id, n.{k.key} AS key{display}\n"
        )
        out[f"topology/nodes_{slug}.ladybug.cypher"] = (
            _header(purpose, "read", "")
            + f"MATCH (n:{k.name})\nRETURN offset(id(n)) AS id, n.{k.key} AS key{display}\n"
        )
    for e in EDGE_KINDS.values():
        kept = [p for p in ("role", "ratio", "amount", "since", "until") if p in e.properties]
        props = "".join(f", r.{p} AS {p}" for p in ["eid", *kept])
        for src, dst in e.pairs:
            slug = edge_slug(e, src, dst)
            a, b = NODE_KINDS[src], NODE_KINDS[dst]
            match = f"MATCH (a:{src})-[r:{e.name}]->(b:{dst})\n"
            purpose = f"every {e.name} edge from {src} to {dst}: its ends' ids and its properties (topology index build)"
            out[f"topology/edges_{slug}.cypher"] = (
                _header(purpose, "read", "") + match + f"RETURN a.{a.key} AS src, b.{b.key} AS dst{props}\n"
            )
            out[f"topology/edges_{slug}.ladybug.cypher"] = (
                _header(purpose, "read", "")
                + match
                + f"RETURN offset(id(a)) AS src, offset(id(b)) AS dst{props}\n"
            )
    return out


def prewarm_names() -> list[str]:
    """The buffer-pool warm-up reads, one per node and edge table (graph_credit.warmup)."""
    nodes = [f"admin/prewarm_{node_slug(k)}" for k in ALL_NODE_KINDS.values()]
    return nodes + [f"admin/prewarm_{e.name.lower()}" for e in ALL_EDGE_KINDS.values()]


def _prewarm_files() -> dict[str, str]:
    """Reads that touch every column of a table (graph_credit.warmup): LadybugDB's buffer pool is
    the process's own and starts empty, so a server's first requests would read pages one by one."""
    out = {}
    for k in ALL_NODE_KINDS.values():
        counts = ", ".join(f"count(n.{c}) AS {c}" for c in k.columns)
        out[f"admin/prewarm_{node_slug(k)}.cypher"] = (
            _header(f"read every column of the {k.name} table once (warm-up)", "read", "")
            + f"MATCH (n:{k.name})\nRETURN {counts}\n"
        )
    for e in ALL_EDGE_KINDS.values():
        counts = ", ".join(f"count(r.{c}) AS {c}" for c in e.columns)
        # both directions: a walk from either end reads the edges stored on its side
        out[f"admin/prewarm_{e.name.lower()}.cypher"] = (
            _header(f"read every {e.name} edge once from each end, with its properties (warm-up)", "read", "")
            + f"MATCH (a)-[r:{e.name}]->(b)\nWITH {counts}\n"
            + f"MATCH (b)<-[s:{e.name}]-(a)\nRETURN {', '.join(e.columns)}, count(*) AS back\n"
        )
    return out


def generated_files() -> dict[str, str]:
    files = {
        "schema/create.ladybug.cypher": _header("create every node and rel table", "write", "", "*")
        + ladybug_ddl(),
        "schema/create.neo4j.cypher": _header(
            "create key constraints and edge-identity indexes", "write", "", "*"
        )
        + neo4j_ddl(),
        "schema/upgrade.ladybug.cypher": _header(
            "add the columns a release added to tables an older database has", "write", "", "*"
        )
        + ladybug_upgrade(),
        # Neo4j keeps no column list: a property is there once a row has it
        "schema/upgrade.neo4j.cypher": _header("nothing to add: Neo4j has no table columns", "write", "", "*")
        + "RETURN 0 AS added\n",
    }
    for k in NODE_KINDS.values():
        files.update(_node_files(k))
    for e in EDGE_KINDS.values():
        files.update(_edge_files(e))
    files.update(_topology_files())
    files.update(_prewarm_files())
    return files


def write_files(root: Path = CYPHER_ROOT) -> list[Path]:
    written = []
    for rel, text in generated_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for p in write_files():
        print(p)
