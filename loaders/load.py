"""Write a validated bundle into a graph store: insert new keys, update changed rows, skip the rest.

Re-loading a bundle must change nothing. Every node has a business key and every edge an `eid`
written out from its natural key (holder, target and start date for a holding), so a re-load
finds what is stored by key and compares the content column by column; nothing is hashed, so
no library upgrade can change an identity. New rows take the engine's bulk path (COPY on
LadybugDB), changed ones a bulk update (LOAD FROM on LadybugDB, UNWIND on Neo4j).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit.model import EDGE_KINDS, NODE_KINDS, PropType
from graph_credit.punishment.query_names import BY_KIND
from graph_credit.schema import edge_slug, load_query_name, node_slug
from graph_credit.store.base import GraphStore
from loaders.bundle import BundleError, Known, ValidatedBundle, read_bundle
from loaders.columns import arrow_strings
from loaders.corrections import RecordCorrections
from loaders.withdrawals import plan_withdrawals, withdrawn_before, without_withdrawn


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
    restrictions: dict[str, object] | None = None  # what deriving joint-punishment restrictions did
    # records whose subject, named persons, kind or status a later bundle corrected, per change
    corrections: dict[str, int] = field(default_factory=dict)
    withdrawn: int = 0  # rows of earlier bundles withdrawn by this one (withdrawals.csv)

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())


# Tables whose changes can change a derived restriction (graph_credit.punishment).
_RESTRICTION_INPUTS = ("CreditRecord", "SUBJECT_OF", "RESPONSIBLE_FOR", "LEGAL_REP_OF", "SERVES_AS", "HOLDS")


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
    types: dict[str, PropType]  # every column written, in the engine's column order
    compared: list[str]  # the columns a re-load compares with what is stored
    frame: pd.DataFrame
    existing_query: str

    @property
    def insert_query(self) -> str:
        return load_query_name(self.slug, "insert")

    @property
    def update_query(self) -> str | None:
        return load_query_name(self.slug, "update") if self.compared else None

    def table(self) -> pa.Table:
        """The rows as the engine's typed table; the frame is let go (a city load is memory-bound)."""
        table = _arrow_table(self.frame, self.types)
        self.frame = self.frame.iloc[0:0]
        return table


def table_plans(bundle: ValidatedBundle) -> Iterator[TablePlan]:
    """Every node table, then every edge table, of a validated bundle."""
    for name, kind in NODE_KINDS.items():
        frame = bundle.nodes.pop(name, None)
        if frame is None:
            continue
        slug = node_slug(kind)
        types = {kind.key: PropType.STRING, **kind.properties}
        yield TablePlan(
            name,
            slug,
            False,
            kind.key,
            types,
            list(kind.properties),
            frame,
            load_query_name(slug, "existing"),
        )
    for name, kind in EDGE_KINDS.items():
        for src, dst in kind.pairs:
            frame = bundle.edges.pop((name, src, dst), None)
            if frame is None:
                continue
            types = {
                "src": PropType.STRING,
                "dst": PropType.STRING,
                "eid": PropType.STRING,
                **kind.properties,
            }
            yield TablePlan(
                name,
                edge_slug(kind, src, dst),
                True,
                "eid",
                types,
                list(kind.properties),
                frame,
                load_query_name(name.lower(), "existing"),
            )


def _same(a: pa.Array | pa.ChunkedArray, b: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Element-wise equality where two nulls are equal (a stored null and an empty field)."""
    eq = pc.fill_null(pc.equal(a, b), False)
    return pc.or_(eq, pc.and_(pc.is_null(a), pc.is_null(b)))


def _split(plan: TablePlan, table: pa.Table, stored: pa.Table | None) -> tuple[pa.Table, pa.Table, int]:
    """New rows, changed rows and the count of unchanged rows, by key and by content."""
    if stored is None or stored.num_rows == 0:
        return table, table.slice(0, 0), 0
    at = pc.index_in(table[plan.key], value_set=stored["key"].combine_chunks())
    is_new = pc.is_null(at)
    known = pc.invert(is_new)
    old = stored.take(pc.drop_null(at))
    mine = table.filter(known)
    same = pa.array(np.ones(mine.num_rows, dtype=bool))
    for col in plan.compared:
        same = pc.and_(same, _same(mine[col], old[col]))
    changed = mine.filter(pc.invert(same))
    return table.filter(is_new), changed, mine.num_rows - changed.num_rows


def _stored(store: GraphStore, plan: TablePlan) -> pa.Table:
    df = store.read_frame(plan.existing_query)
    types = {"key": PropType.STRING, **{c: plan.types[c] for c in plan.compared}}
    if df.empty:
        df = pd.DataFrame({c: pd.Series(dtype=object) for c in types})
    return _arrow_table(df, types)


def load_bundle(
    store: GraphStore,
    folder: Path,
    secret: str,
    *,
    rejected_dir: Path | None = None,
    progress: Callable[[str], None] = lambda step: None,
    derive_restrictions: bool = True,
) -> LoadReport:
    t0 = time.perf_counter()
    store.ensure_schema()
    ent = store.read_frame("load/enterprise_keys")
    proj = store.read_frame("load/project_keys")

    def capital_of(usccs: list[str]) -> dict[str, float]:
        rows = store.read("load/enterprise_capital", usccs=usccs)
        return {r["uscc"]: r["capital"] for r in rows if r["capital"] is not None}

    known = Known(
        enterprises=ent["key"] if len(ent) else (),
        projects=proj["key"] if len(proj) else (),
        capital_of=capital_of,
    )
    rejects_to = rejects_target(folder, rejected_dir)
    bundle = read_bundle(folder, known, secret, progress)
    by = f"load of bundle {Path(folder).name}"
    withdrawn = withdrawn_before(store)
    wd = plan_withdrawals(store, bundle, by, withdrawn)
    if wd.rejected:
        bundle.rejects["withdrawals.csv"] = pd.concat(
            [bundle.rejects["withdrawals.csv"], pd.DataFrame(wd.rejected)], ignore_index=True
        )
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
    report.rejected_dir = _write_rejects(bundle, rejects_to)

    stored: dict[str, pa.Table | None] = {}
    touched = _Touched()
    fix = RecordCorrections.of(bundle, by=by, on=dt.date.today())
    fix.read_links(store)
    for plan in table_plans(bundle):
        if plan.kind not in stored:
            # An empty table (a first load) needs no comparison: skip reading it back.
            empty = (plan.kind == "Enterprise" and not len(ent)) or (plan.kind == "Project" and not len(proj))
            stored[plan.kind] = None if empty else _stored(store, plan)
        table = plan.table()
        if plan.kind == "CreditRecord":
            table = fix.records_table(store, table, stored[plan.kind])
        if plan.is_edge:
            table, left_out = without_withdrawn(table, withdrawn)
            if left_out:
                report.warnings.append(
                    f"{plan.kind}: {left_out:,} row(s) not loaded: withdrawn by an earlier load"
                )
        new, changed, same = _split(plan, table, stored[plan.kind])
        touched.note(plan, new, changed)
        store.bulk_write(plan.insert_query, new)
        if plan.update_query:
            store.bulk_write(plan.update_query, changed)
        counts = (report.edges if plan.is_edge else report.nodes).setdefault(plan.kind, TableCounts())
        counts.inserted += new.num_rows
        counts.updated += changed.num_rows
        counts.unchanged += same
        progress(f"wrote {plan.slug}")
    touched.records |= fix.write(store)
    report.corrections = dict(fix.counts)
    if wd.steps:
        store.write_many(wd.steps)  # each edge and what it was go together
        touched.enterprises |= wd.enterprises
    report.withdrawn = wd.withdrawn

    t_end = time.perf_counter()
    report.seconds = {
        "validate": round(t_read - t0, 2),
        "write": round(t_end - t_read, 2),
        "total": round(t_end - t0, 2),
    }
    if derive_restrictions and touched:
        _derive_restrictions(store, report, touched, progress)
        report.seconds["restrictions"] = round(time.perf_counter() - t_end, 2)
        report.seconds["total"] = round(time.perf_counter() - t0, 2)
    return report


@dataclass
class _Touched:
    """What a load wrote that a derived restriction depends on: records added or changed (or
    their subject or named persons), and enterprises whose offices or holdings changed."""

    records: set[str] = field(default_factory=set)
    enterprises: set[str] = field(default_factory=set)
    # persons and enterprises whose fields changed: restrictions and tasks carry their name
    renamed: dict[str, set[str]] = field(default_factory=lambda: {"Person": set(), "Enterprise": set()})

    def note(self, plan: TablePlan, new: pa.Table, changed: pa.Table) -> None:
        if plan.kind in self.renamed and not plan.is_edge:
            self.renamed[plan.kind] |= {k for k in changed.column(plan.key).to_pylist() if k}
        if plan.kind not in _RESTRICTION_INPUTS:
            return
        column = plan.key if plan.kind == "CreditRecord" else "dst"
        keys = {k for t in (new, changed) for k in t.column(column).to_pylist() if k}
        if plan.kind in ("CreditRecord", "SUBJECT_OF", "RESPONSIBLE_FOR"):
            self.records |= keys
        elif plan.slug.endswith("_enterprise"):  # a role or holding of an enterprise
            self.enterprises |= keys

    def __bool__(self) -> bool:
        return bool(self.records or self.enterprises or any(self.renamed.values()))


def _derive_restrictions(
    store: GraphStore, report: LoadReport, touched: _Touched, progress: Callable[[str], None]
) -> None:
    """Derive again the restrictions of the records the load touched: a record's restrictions
    depend on who held which office on its act date, so a changed role re-derives every record of
    that enterprise. Above a share of all records this is a full rebuild (the report says which)."""
    from graph_credit.errors import InvalidInput
    from graph_credit.punishment.rebuild import rederive

    if touched.records or touched.enterprises:
        try:
            done = rederive(store, records=touched.records, enterprises=touched.enterprises)
        except InvalidInput as exc:  # a broken measure catalogue must not lose the load
            report.warnings.append(f"restrictions not derived: {exc}")
        else:
            report.restrictions = done.model_dump()
            progress(f"derived restrictions ({done.reason})")
    for kind, keys in touched.renamed.items():
        if keys:  # a restriction and its tasks show their target's name: it follows a rename
            table = pa.table({"key": pa.array(sorted(keys), pa.string())})
            store.bulk_write(BY_KIND[kind].target_names, table)


def rejects_target(folder: Path, rejected_dir: Path | None) -> Path:
    """The folder under which this load may keep its rejected rows (default DIR/rejected), or
    `BundleError` if writing there could touch what the loader does not own.

    A load once deleted the bundle's own CSV files when given `--rejected-dir DIR`, and the files
    of another folder through a symlinked `DIR/rejected`: so a target that is the bundle folder,
    holds the bundle or any of its files, or is a symlink is refused, and each run
    writes into a new folder of its own (`_write_rejects`) and deletes nothing."""
    out = rejected_dir if rejected_dir is not None else Path(folder) / "rejected"
    if out.is_symlink():
        raise BundleError(f"the rejected-rows folder {out} is a symlink; name a real folder")
    home, target = Path(folder).resolve(), out.resolve()
    if target == home or target in home.parents:
        raise BundleError(
            f"the rejected-rows folder {out} is or holds the bundle folder {folder}; name another folder"
        )
    if target.is_dir():
        # the same files under other names: hard links, symlinks to them
        mine = {_identity(p) for p in home.glob("*.csv")}
        theirs = sorted(p.name for p in target.iterdir() if p.is_file() and _identity(p) in mine)
        if theirs:
            raise BundleError(
                f"the rejected-rows folder {out} holds the bundle's files ({', '.join(theirs)}); "
                "name another folder"
            )
    elif target.exists():
        raise BundleError(f"the rejected-rows target {out} is not a folder")
    return out


def _identity(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_dev, st.st_ino


def _write_rejects(bundle: ValidatedBundle, out: Path) -> str | None:
    """Keep rejected rows aside, unchanged, with line, column and reason, in a new folder under
    `out` named for this run (nothing there is overwritten or deleted; older runs' folders stay)."""
    bad = {name: df for name, df in bundle.rejects.items() if len(df)}
    if not bad:
        return None
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        run = out / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            run.mkdir()  # exist_ok=False: a folder this run alone created
        except FileExistsError:
            continue
        break
    else:
        raise BundleError(f"could not create a new folder for rejected rows under {out}")
    for name, df in bad.items():
        cols = [c for c in df.columns if c not in ("_line", "_column", "_reason")]
        with (run / name).open("x", encoding="utf-8", newline="") as f:  # "x": never overwrite
            df[[*cols, "_line", "_column", "_reason"]].to_csv(f, index=False)
    return str(run)
