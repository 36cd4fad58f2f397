"""Write a validated bundle into a graph store: insert new keys, update changed rows, skip the rest.

Re-loading a bundle must change nothing, so every node and edge carries a `row_hash` of its
content and a business key (`eid` for edges); the writer compares both with what is stored.
New rows take the engine's bulk path (COPY on LadybugDB), changed ones an `UNWIND ... SET`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import EDGE_KINDS, NODE_KINDS, PropType
from graph_credit.schema import edge_slug, node_slug
from graph_credit.store.base import GraphStore
from loaders.bundle import Known, ValidatedBundle, read_bundle
from loaders.columns import KeyMap, arrow_strings, short_hashes

_ARROW = {
    PropType.STRING: pa.string(),
    PropType.DOUBLE: pa.float64(),
    PropType.DATE: pa.date32(),
    PropType.BOOL: pa.bool_(),
    PropType.INT: pa.int64(),
}


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadReport:
    folder: str
    encodings: dict[str, str]
    rows: dict[str, int]
    rejected: dict[str, int]
    rejected_dir: str | None
    nodes: dict[str, TableCounts] = field(default_factory=dict)
    edges: dict[str, TableCounts] = field(default_factory=dict)
    over_full: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())


def _arrow_table(frame: pd.DataFrame, types: dict[str, PropType]) -> pa.Table:
    cols = []
    for name, t in types.items():
        s = frame[name]
        if t == PropType.STRING:
            arr = arrow_strings(s)
            cols.append(pc.if_else(pc.equal(arr, ""), pa.nulls(len(arr), pa.string()), arr))
        elif t == PropType.DATE:
            cols.append(pa.Array.from_pandas(s.astype("datetime64[s]")).cast(pa.date32()))
        elif t == PropType.BOOL:
            cols.append(
                pa.array(s.astype(object).where(s.notna(), None).to_numpy(dtype=object), type=pa.bool_())
            )
        elif t == PropType.INT:
            cols.append(pa.array(s.astype("Int64").to_numpy(dtype=object, na_value=None), type=pa.int64()))
        else:
            cols.append(pa.Array.from_pandas(s.astype("float64")))
    return pa.Table.from_arrays(cols, names=list(types))


@dataclass
class TablePlan:
    """One engine table's worth of rows (a node kind, or an edge kind between two node kinds)."""

    kind: str
    slug: str
    is_edge: bool
    key: str
    types: dict[str, PropType]
    frame: pd.DataFrame  # model columns and row_hash
    existing_query: str

    @property
    def insert_query(self) -> str:
        return f"load/{self.slug}_insert"

    @property
    def update_query(self) -> str:
        return f"load/{self.slug}_update"

    def table(self) -> pa.Table:
        return _arrow_table(self.frame, self.types)


def table_plans(bundle: ValidatedBundle) -> Iterator[TablePlan]:
    """Every node table, then every edge table, of a validated bundle, with content hashes."""
    for name, kind in NODE_KINDS.items():
        frame = bundle.nodes.get(name)
        if frame is None:
            continue
        content = [c for c in kind.columns if c != "row_hash"]
        slug = node_slug(kind)
        yield TablePlan(
            name,
            slug,
            False,
            kind.key,
            {kind.key: PropType.STRING, **kind.properties},
            _with_hash(frame[content], content),
            f"load/{slug}_existing",
        )
    for name, kind in EDGE_KINDS.items():
        for src, dst in kind.pairs:
            frame = bundle.edges.get((name, src, dst))
            if frame is None:
                continue
            content = ["src", "dst", *[c for c in kind.columns if c != "row_hash"]]
            yield TablePlan(
                name,
                edge_slug(kind, src, dst),
                True,
                "eid",
                {"src": PropType.STRING, "dst": PropType.STRING, "eid": PropType.STRING, **kind.properties},
                _with_hash(frame[content], content),
                f"load/{name.lower()}_existing",
            )


def _with_hash(frame: pd.DataFrame, content: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    frame["row_hash"] = short_hashes(frame[content])
    return frame


def _split(frame: pd.DataFrame, key: str, existing: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """New rows, changed rows and the count of unchanged ones, by key and content hash."""
    if existing.empty:
        return frame, frame.iloc[0:0], 0
    stored = KeyMap(existing["key"], existing["row_hash"].fillna("")).get(frame[key])
    new = stored.isna()
    changed = ~new & (stored != frame["row_hash"])
    return frame[new], frame[changed], int((~new & ~changed).sum())


def _existing(store: GraphStore, name: str) -> pd.DataFrame:
    df = store.read_frame(name)
    if df.empty:
        return pd.DataFrame(columns=["key", "row_hash"])
    return df


def load_bundle(
    store: GraphStore,
    folder: Path,
    secret: str,
    *,
    rejected_dir: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> LoadReport:
    t0 = time.perf_counter()
    store.ensure_schema()
    ent = _existing(store, "load/enterprise_existing")
    proj = _existing(store, "load/project_existing")

    def capital_of(usccs: list[str]) -> dict[str, float]:
        rows = store.read("load/enterprise_capital", usccs=usccs)
        return {r["uscc"]: r["capital"] for r in rows if r["capital"] is not None}

    known = Known(enterprises=ent["key"], projects=proj["key"], capital_of=capital_of)
    bundle = read_bundle(folder, known, secret, progress)
    t_read = time.perf_counter()

    report = LoadReport(
        folder=str(folder),
        encodings=bundle.encodings,
        rows=bundle.row_counts,
        rejected={k: len(v) for k, v in bundle.rejects.items()},
        rejected_dir=None,
        warnings=bundle.warnings,
        over_full=bundle.over_full.to_dict("records"),
    )
    report.rejected_dir = _write_rejects(bundle, rejected_dir or Path(folder) / "rejected")

    existing_by_table = {"Enterprise": ent, "Project": proj}
    for plan in table_plans(bundle):
        if plan.kind not in existing_by_table:
            existing_by_table[plan.kind] = _existing(store, plan.existing_query)
        new, changed, same = _split(plan.frame, plan.key, existing_by_table[plan.kind])
        store.bulk_write(plan.insert_query, _arrow_table(new, plan.types))
        store.bulk_write(plan.update_query, _arrow_table(changed, plan.types))
        counts = (report.edges if plan.is_edge else report.nodes).setdefault(plan.kind, TableCounts())
        counts.inserted += len(new)
        counts.updated += len(changed)
        counts.unchanged += same
        progress(f"wrote {plan.slug}")

    t_end = time.perf_counter()
    report.seconds = {
        "validate": round(t_read - t0, 2),
        "write": round(t_end - t_read, 2),
        "total": round(t_end - t0, 2),
    }
    return report


def _write_rejects(bundle: ValidatedBundle, out: Path) -> str | None:
    """Keep rejected rows aside, unchanged, with line, column and reason; stale files go."""
    if out.exists():
        for old in out.glob("*.csv"):
            old.unlink()
    bad = {name: df for name, df in bundle.rejects.items() if len(df)}
    if not bad:
        return None
    out.mkdir(parents=True, exist_ok=True)
    for name, df in bad.items():
        cols = [c for c in df.columns if c not in ("_line", "_column", "_reason")]
        df[[*cols, "_line", "_column", "_reason"]].to_csv(out / name, index=False, encoding="utf-8")
    return str(out)
