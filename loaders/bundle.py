"""Validate a CSV bundle (docs/data-format.md) into node and edge frames, keeping rejects aside.

Checks are vectorised: a city-scale bundle has millions of rows, so each rule looks at a whole
column at once and marks the rows it rejects; the first rule a row breaks is its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit import identifiers as ids
from graph_credit.model import (
    EnterpriseStatus,
    OrgType,
    ProjectKind,
    RecordKind,
    RecordStatus,
    Role,
)
from loaders.columns import KeyMap, arrow_strings
from loaders.csvio import (
    RawFile,
    parse_bools,
    parse_codes,
    parse_dates,
    parse_numbers,
    parse_shares,
    read_csv,
    read_header,
)
from loaders.vocabulary import TAX_LEVELS, spellings

# file -> (required columns, optional columns)
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "enterprises.csv": (
        ("uscc", "name"),
        (
            "org_type",
            "status",
            "established",
            "registered_capital",
            "region_code",
            "industry",
            "address",
            "phone",
            "parent_uscc",
        ),
    ),
    "persons.csv": (("ref", "name"), ("id_number", "source")),
    "holdings.csv": (("holder", "target"), ("ratio", "subscribed_capital", "since", "until")),
    "roles.csv": (("person", "enterprise", "role"), ("since", "until")),
    "records.csv": (
        ("record_id", "subject", "kind", "authority", "decision_date"),
        (
            "category",
            "level",
            "basis",
            "act_date",
            "valid_until",
            "repairable",
            "status",
            "monitoring_months",
            "responsible",
            "summary",
        ),
    ),
    "projects.csv": (("code", "name", "kind"), ("region_code", "status", "started", "ended", "outcome")),
    "participations.csv": (("enterprise", "project", "role"), ()),
    "guarantees.csv": (("guarantor", "debtor"), ("amount", "since", "until")),
}
REQUIRED_FILES = ("enterprises.csv", "persons.csv", "holdings.csv", "roles.csv", "records.csv")
# Registry exports round each holder's share; a few tenths of a point over 100% is noise.
OVER_FULL_TOLERANCE = 0.005


Reason = str | pd.Series | Callable[[pd.Series], "str | pd.Series"]


class BundleError(ValueError):
    """The bundle cannot be read at all (missing folder, file or required column)."""


@dataclass
class Known:
    """What is already loaded, so a bundle may refer to it."""

    enterprises: Iterable[str] = ()
    projects: Iterable[str] = ()
    capital_of: Callable[[list[str]], dict[str, float]] = lambda usccs: {}


@dataclass
class ValidatedBundle:
    nodes: dict[str, pd.DataFrame]
    edges: dict[tuple[str, str, str], pd.DataFrame]
    rejects: dict[str, pd.DataFrame]
    encodings: dict[str, str]
    row_counts: dict[str, int]
    warnings: list[str]
    over_full: pd.DataFrame  # target, date, total: holdings above 100% on a date


class Rows:
    """One file's rows and the first reason each was rejected for."""

    def __init__(self, raw: RawFile) -> None:
        self.raw = raw
        self.df = raw.frame
        self.reason = pd.Series(None, index=self.df.index, dtype=object)
        self.column = pd.Series(None, index=self.df.index, dtype=object)

    def col(self, name: str) -> pd.Series:
        if name in self.df.columns:
            return self.df[name]
        return pd.Series("", index=self.df.index, dtype="str")

    def reject(self, mask: pd.Series, column: str, reason: Reason) -> None:
        """Reject the rows of `mask` not rejected yet; a callable reason is given those rows'
        mask and builds their messages only (building a message for every row costs seconds)."""
        m = mask.fillna(False).astype(bool) & self.reason.isna()
        if not m.any():
            return
        why = reason(m) if callable(reason) else reason
        self.reason[m] = why[m] if isinstance(why, pd.Series) else why
        self.column[m] = column

    def required(self, *names: str) -> None:
        for name in names:
            self.reject(self.col(name) == "", name, f"{name} is required")

    def unique(self, name: str) -> None:
        c = self.col(name)
        dup = c.duplicated(keep="first") & (c != "")
        if dup.any():
            first_line = self.df["_line"].groupby(c).transform("min")
            self.reject(
                dup,
                name,
                lambda m: (
                    "duplicate " + name + " " + c[m] + " (first on line " + first_line[m].astype(str) + ")"
                ),
            )

    @property
    def ok(self) -> pd.Series:
        return self.reason.isna()

    def rejected(self) -> pd.DataFrame:
        bad = ~self.ok
        out = self.df.loc[bad].copy()
        out["_column"] = self.column[bad]
        out["_reason"] = self.reason[bad]
        if len(self.raw.malformed):
            out = pd.concat([out, self.raw.malformed], ignore_index=True).sort_values("_line")
        return out


def _lookup(keys: pd.Series, where: KeyMap) -> pd.Series:
    """Where each key was rejected, or "" (a string column even when nothing matches)."""
    return where.get(keys, "")


def _check_uscc(rows: Rows, name: str, *, required: bool) -> pd.Series:
    """Upper-case the column, reject invalid codes with the exact reason; returns the codes."""
    c = rows.col(name).str.upper()
    present = c != ""
    valid = pd.Series(ids.uscc_valid_mask(c), index=c.index)
    bad = present & ~valid
    if bad.any():
        reasons = pd.Series(None, index=c.index, dtype=object)
        for i in np.flatnonzero(bad.to_numpy()):
            try:
                ids.normalize_uscc(c.iat[i])
            except ids.InvalidIdentifier as exc:
                reasons.iat[i] = str(exc)
        rows.reject(bad, name, reasons)
    if required:
        rows.reject(~present, name, f"{name} is required")
    return c


def _dates(rows: Rows, name: str) -> pd.Series:
    values, bad = parse_dates(rows.col(name))
    rows.reject(
        bad, name, lambda m: f"{name} is not a date (YYYY-MM-DD) or does not exist: " + rows.col(name)[m]
    )
    return values


def _period(rows: Rows) -> tuple[pd.Series, pd.Series]:
    since, until = _dates(rows, "since"), _dates(rows, "until")
    rows.reject(since.notna() & until.notna() & (until < since), "until", "until is before since")
    return since, until


def _codes(rows: Rows, name: str, allowed: dict[str, str], default: str | None) -> pd.Series:
    values, bad = parse_codes(rows.col(name), allowed, default)
    choices = ", ".join(sorted({v for v in allowed.values()}))
    rows.reject(bad, name, lambda m: f"{name} " + rows.col(name)[m] + f" is not one of {choices}")
    return values


def _ident(tag: str, *parts: pd.Series) -> pd.Series:
    """An edge's identity (`eid`): its natural key written out, e.g. `H|holder|target|since`.

    Readable, and stable by construction: nothing hashed, so no library upgrade can change it
    (a changed identity would make a re-load write every edge twice).
    """
    if len(parts[0]) == 0:
        return pd.Series([], dtype="str", index=parts[0].index)
    arrays = [pa.array(np.full(len(parts[0]), tag))] + [arrow_strings(p) for p in parts]
    joined = pc.binary_join_element_wise(*arrays, "|")
    out = joined.to_pandas().astype("str")
    out.index = parts[0].index
    return out


def _date_key(d: pd.Series) -> pd.Series:
    days = pa.array(d.to_numpy(dtype="datetime64[D]"), from_pandas=True).cast(pa.date32())
    out = pc.fill_null(days.cast(pa.string()), "").to_pandas().astype("str")
    out.index = d.index
    return out


def _resolve_subjects(
    rows: Rows,
    name: str,
    enterprises: KeyMap,
    person_keys: KeyMap,
    rejected: KeyMap,
    *,
    allow_enterprise: bool = True,
) -> tuple[pd.Series, pd.Series]:
    """Resolve a USCC-or-person-ref column to (node kind, node key), rejecting unknown ones."""
    raw = rows.col(name)
    upper = raw.str.upper()
    if allow_enterprise:
        is_code = pd.Series(ids.uscc_valid_mask(upper), index=raw.index)
    else:
        is_code = pd.Series(False, index=raw.index)
    kind = pd.Series(np.where(is_code, "Enterprise", "Person"), index=raw.index, dtype=object)
    key = upper.where(is_code, person_keys.get(raw))
    missing = raw != ""
    rows.reject(raw == "", name, f"{name} is required")
    unknown_ent = is_code & ~enterprises.contains(upper) & missing
    unknown_p = ~is_code & key.isna() & missing
    why = _lookup(raw, rejected) if (unknown_ent | unknown_p).any() else pd.Series("", index=raw.index)
    rows.reject(
        unknown_ent & (why != ""),
        name,
        lambda m: "refers to rejected enterprise " + upper[m] + " (" + why[m] + ")",
    )
    rows.reject(unknown_ent, name, lambda m: "unknown enterprise " + upper[m])
    rows.reject(
        unknown_p & (why != ""), name, lambda m: "refers to rejected person " + raw[m] + " (" + why[m] + ")"
    )
    hint = " (not in persons.csv, and not a valid USCC)" if allow_enterprise else " (not in persons.csv)"
    rows.reject(unknown_p, name, lambda m: "unknown person " + raw[m] + hint)
    return kind, key


def _reject_unknown_enterprise(
    rows: Rows, name: str, codes: pd.Series, known: KeyMap, rejected: KeyMap
) -> None:
    unknown = (codes != "") & ~known.contains(codes)
    if not unknown.any():
        return
    why = _lookup(codes, rejected)
    rows.reject(
        unknown & (why != ""),
        name,
        lambda m: "refers to rejected enterprise " + codes[m] + " (" + why[m] + ")",
    )
    rows.reject(unknown, name, lambda m: "unknown enterprise " + codes[m])


def _where_rejected(rows: Rows, key: pd.Series, file: str) -> KeyMap:
    bad = ~rows.ok & (key != "")
    return KeyMap(key[bad], file + " line " + rows.df.loc[bad, "_line"].astype(str))


def _over_full(holds: pd.DataFrame) -> pd.DataFrame:
    """Per target, the total share in force on each date a holding starts, where above 100%."""
    h = holds[["dst", "ratio", "since", "until"]].dropna(subset=["ratio"]).reset_index(drop=True)
    far_past, far_future = pd.Timestamp("1000-01-01"), pd.Timestamp("9999-12-31")
    starts = h[["dst", "since"]].rename(columns={"since": "on"})
    starts["on"] = starts["on"].fillna(far_past)
    m = starts.drop_duplicates().merge(h, on="dst")
    in_force = (m["since"].fillna(far_past) <= m["on"]) & (m["on"] <= m["until"].fillna(far_future))
    totals = m[in_force].groupby(["dst", "on"], as_index=False)["ratio"].sum()
    over = totals[totals["ratio"] > 1 + OVER_FULL_TOLERANCE]
    over = over.sort_values(["dst", "on"]).drop_duplicates("dst")
    on = over["on"].where(over["on"] != far_past)
    return pd.DataFrame(
        {
            "target": over["dst"].to_numpy(),
            "date": on.dt.date.to_numpy(),
            "total": over["ratio"].round(4).to_numpy(),
        }
    )


def read_bundle(
    folder: Path,
    known: Known,
    secret: str,
    progress: Callable[[str], None] = lambda step: None,
) -> ValidatedBundle:
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError(f"{folder}: not a folder")
    # Every header is checked before any row is read, so a broken bundle stops at once; then
    # each file is read when its turn comes and let go after it, to bound memory.
    present: list[str] = []
    warnings: list[str] = []
    for name, (required, optional) in COLUMNS.items():
        path = folder / name
        if not path.exists():
            if name in REQUIRED_FILES:
                raise BundleError(f"{folder}: required file {name} is missing")
            continue
        header = read_header(path)
        missing = [c for c in required if c not in header]
        if missing:
            raise BundleError(f"{name}: required column(s) missing: {', '.join(missing)}")
        extra = [c for c in header if c not in (*required, *optional)]
        if extra:
            warnings.append(f"{name}: unknown column(s) ignored: {', '.join(extra)}")
        present.append(name)

    nodes: dict[str, pd.DataFrame] = {}
    edges: dict[tuple[str, str, str], pd.DataFrame] = {}
    rejects: dict[str, pd.DataFrame] = {}
    encodings: dict[str, str] = {}
    row_counts: dict[str, int] = {}

    def open_rows(name: str) -> Rows:
        raw = read_csv(folder / name)
        encodings[name], row_counts[name] = raw.encoding, len(raw.frame) + len(raw.malformed)
        progress(f"read {name}")
        return Rows(raw)

    def done(rows: Rows) -> None:
        rejects[rows.raw.name] = rows.rejected()
        progress(f"checked {rows.raw.name}")

    # enterprises ---------------------------------------------------------------------------
    r = open_rows("enterprises.csv")
    uscc = _check_uscc(r, "uscc", required=True)
    r.unique("uscc")
    r.required("name")
    org_type = _codes(r, "org_type", spellings(OrgType), OrgType.ENTERPRISE.value)
    status = _codes(r, "status", spellings(EnterpriseStatus), EnterpriseStatus.ACTIVE.value)
    established = _dates(r, "established")
    capital, bad = parse_numbers(r.col("registered_capital"))
    r.reject(bad | (capital < 0), "registered_capital", "registered_capital is not a non-negative number")
    region = r.col("region_code")
    r.reject((region != "") & ~region.str.fullmatch(r"\d{6}"), "region_code", "region_code must be 6 digits")
    region = region.where(region != "", uscc.str.slice(2, 8))
    parent = _check_uscc(r, "parent_uscc", required=False)
    r.reject((parent != "") & (parent == uscc), "parent_uscc", "an enterprise cannot be its own branch")
    # parents are checked against the accepted set below, after this file's own rejections
    known_before = KeyMap(known.enterprises)
    _reject_unknown_enterprise(r, "parent_uscc", parent, KeyMap(uscc[r.ok]).union(known_before), KeyMap([]))
    ent_rejected = _where_rejected(r, uscc, "enterprises.csv")
    ok = r.ok
    ent_known = KeyMap(uscc[ok]).union(known_before)
    nodes["Enterprise"] = pd.DataFrame(
        {
            "uscc": uscc[ok],
            "name": r.col("name")[ok],
            "org_type": org_type[ok],
            "status": status[ok],
            "established": established[ok],
            "registered_capital": capital[ok],
            "region_code": region[ok],
            "industry": r.col("industry")[ok],
            "address": r.col("address")[ok],
            "phone": r.col("phone")[ok],
        }
    )
    branch = ok & (parent != "")
    edges[("BRANCH_OF", "Enterprise", "Enterprise")] = pd.DataFrame(
        {
            "src": uscc[branch],
            "dst": parent[branch],
            "eid": _ident("B", uscc[branch], parent[branch]),
        }
    )
    capital_by_uscc = pd.Series(capital[ok].to_numpy(), index=uscc[ok].to_numpy())

    done(r)

    # persons -------------------------------------------------------------------------------
    r = open_rows("persons.csv")
    r.required("ref", "name")
    ref = r.col("ref")
    r.unique("ref")
    r.reject(
        pd.Series(ids.uscc_valid_mask(ref.str.upper()), index=ref.index),
        "ref",
        "a person ref must not be a valid USCC (it would be read as an enterprise)",
    )
    idn = r.col("id_number").str.upper()
    has_id = idn != ""
    id_ok = pd.Series(ids.resident_id_valid_mask(idn), index=idn.index)
    id_reasons = pd.Series(None, index=idn.index, dtype=object)
    for i in np.flatnonzero((has_id & ~id_ok).to_numpy()):
        try:
            ids.normalize_resident_id(idn.iat[i])
        except ids.InvalidIdentifier as exc:
            id_reasons.iat[i] = str(exc)
    r.reject(id_reasons.notna(), "id_number", id_reasons)
    source = r.col("source").where(r.col("source") != "", "bundle")
    ok = r.ok
    pkey = pd.Series(
        ids.person_keys_bulk(idn[ok].to_numpy(), source[ok].to_numpy(), ref[ok].to_numpy(), secret),
        index=ref[ok].index,
        dtype="str",
    ).reindex(ref.index)
    masked = (idn.str.slice(0, 4) + "*" * 10 + idn.str.slice(14, 18)).where(has_id, None)
    persons = pd.DataFrame(
        {
            "pkey": pkey[ok],
            "name": r.col("name")[ok],
            "id_masked": masked[ok],
            "source_ref": source[ok] + ":" + ref[ok],
        }
    )
    # Two refs with one ID number are one person: the node is written once.
    nodes["Person"] = persons.drop_duplicates("pkey", keep="first")
    person_keys = KeyMap(ref[ok], pkey[ok])
    person_rejected = _where_rejected(r, ref, "persons.csv")

    done(r)

    # holdings ------------------------------------------------------------------------------
    r = open_rows("holdings.csv")
    subject_rejected = ent_rejected.union(person_rejected)
    hkind, hkey = _resolve_subjects(r, "holder", ent_known, person_keys, subject_rejected)
    target = r.col("target").str.upper()
    _check_uscc(r, "target", required=True)
    _reject_unknown_enterprise(r, "target", target, ent_known, ent_rejected)
    r.reject((hkind == "Enterprise") & (hkey == target), "holder", "an enterprise cannot hold itself")
    ratio, bad, why = parse_shares(r.col("ratio"))
    r.reject(bad, "ratio", why)
    subscribed, bad = parse_numbers(r.col("subscribed_capital"))
    r.reject(bad | (subscribed < 0), "subscribed_capital", "subscribed_capital is not a non-negative number")
    since, until = _period(r)
    need = r.ok & ratio.isna()
    r.reject(need & subscribed.isna(), "ratio", "ratio or subscribed_capital is required")
    derive = r.ok & ratio.isna()
    if derive.any():
        wanted = target[derive]
        cap = wanted.map(capital_by_uscc).astype("float64")
        outside = sorted(set(wanted[cap.isna()]))
        if outside:
            cap = cap.fillna(wanted.map(pd.Series(known.capital_of(outside), dtype="float64")))
        cap = cap.reindex(target.index)
        r.reject(
            derive & ~(cap > 0), "subscribed_capital", "cannot derive ratio: target has no registered_capital"
        )
        derived = (subscribed / cap).where(derive)
        r.reject(
            derive & (derived > 1 + 1e-9),
            "subscribed_capital",
            "subscribed_capital exceeds the target's registered_capital",
        )
        ratio = ratio.where(~derive, derived.clip(upper=1.0))
    ok = r.ok
    holds = pd.DataFrame(
        {
            "src_kind": hkind[ok],
            "src": hkey[ok],
            "dst": target[ok],
            "eid": _ident("H", hkey[ok], target[ok], _date_key(since[ok])),
            "ratio": ratio[ok],
            "ratio_derived": derive[ok],
            "subscribed_capital": subscribed[ok],
            "since": since[ok],
            "until": until[ok],
        }
    )
    dup = holds["eid"].duplicated(keep="first")
    if dup.any():
        r.reject(
            pd.Series(dup.to_numpy(), index=holds.index).reindex(r.df.index, fill_value=False),
            "since",
            "duplicate holding: same holder, target and since as an earlier row",
        )
        holds = holds[~dup]
    for src_kind in ("Person", "Enterprise"):
        part = holds[holds["src_kind"] == src_kind].drop(columns="src_kind")
        edges[("HOLDS", src_kind, "Enterprise")] = part
    over_full = _over_full(holds)

    done(r)

    # roles ---------------------------------------------------------------------------------
    r = open_rows("roles.csv")
    _, pkey_col = _resolve_subjects(
        r, "person", KeyMap([]), person_keys, person_rejected, allow_enterprise=False
    )
    ent = r.col("enterprise").str.upper()
    _check_uscc(r, "enterprise", required=True)
    _reject_unknown_enterprise(r, "enterprise", ent, ent_known, ent_rejected)
    role = _codes(r, "role", spellings(Role), None)
    since, until = _period(r)
    ok = r.ok
    roles = pd.DataFrame(
        {
            "src": pkey_col[ok],
            "dst": ent[ok],
            "eid": _ident("O", pkey_col[ok], ent[ok], role[ok], _date_key(since[ok])),
            "role": role[ok],
            "since": since[ok],
            "until": until[ok],
        }
    )
    dup = roles["eid"].duplicated(keep="first")
    r.reject(
        pd.Series(dup.to_numpy(), index=roles.index).reindex(r.df.index, fill_value=False),
        "since",
        "duplicate role: same person, enterprise, role and since as an earlier row",
    )
    roles = roles[~dup]
    legal = roles["role"] == Role.LEGAL_REP.value
    edges[("LEGAL_REP_OF", "Person", "Enterprise")] = roles[legal]
    edges[("SERVES_AS", "Person", "Enterprise")] = roles[~legal]

    done(r)

    # records -------------------------------------------------------------------------------
    r = open_rows("records.csv")
    r.required("record_id")
    r.unique("record_id")
    skind, skey = _resolve_subjects(r, "subject", ent_known, person_keys, subject_rejected)
    kind = _codes(r, "kind", spellings(RecordKind), None)
    level = KeyMap(list(TAX_LEVELS), list(TAX_LEVELS.values())).get(r.col("level"))
    r.reject((r.col("level") != "") & level.isna(), "level", "level must be A, B, C, D or M")
    r.reject(
        (kind == RecordKind.TAX_CREDIT.value) & level.isna(), "level", "a tax_credit record needs its level"
    )
    r.required("authority")
    act, decision, valid = _dates(r, "act_date"), _dates(r, "decision_date"), _dates(r, "valid_until")
    r.required("decision_date")
    r.reject(act.notna() & decision.notna() & (act > decision), "act_date", "act_date is after decision_date")
    r.reject(
        decision.notna() & valid.notna() & (valid < decision),
        "valid_until",
        "valid_until is before decision_date",
    )
    repairable, bad = parse_bools(r.col("repairable"), True)
    r.reject(bad, "repairable", "repairable must be true/false, yes/no, 1/0 or 是/否")
    status = _codes(r, "status", spellings(RecordStatus), RecordStatus.ACTIVE.value)
    months, bad = parse_numbers(r.col("monitoring_months"))
    r.reject(
        bad | (months < 0) | (months.round() != months) & months.notna(),
        "monitoring_months",
        "monitoring_months must be a whole number of months",
    )
    named = r.col("responsible")
    named = named[named != ""].str.split(";").explode().str.strip()
    resp = pd.DataFrame({"row": named.index, "ref": named.to_numpy()})
    resp = resp[resp["ref"] != ""].reset_index(drop=True)
    resp["pkey"] = person_keys.get(resp["ref"])
    unknown = resp[resp["pkey"].isna()]
    if len(unknown):
        reasons = pd.Series(None, index=r.df.index, dtype=object)
        for row, refs in unknown.groupby("row")["ref"]:
            reasons[row] = "unknown person(s) named as responsible: " + ", ".join(refs)
        r.reject(reasons.notna(), "responsible", reasons)
    ok = r.ok
    record_id = r.col("record_id")
    nodes["CreditRecord"] = pd.DataFrame(
        {
            "record_id": record_id[ok],
            "kind": kind[ok],
            "category": r.col("category")[ok],
            "level": level[ok],
            "authority": r.col("authority")[ok],
            "basis": r.col("basis")[ok],
            "act_date": act[ok],
            "decision_date": decision[ok],
            "valid_until": valid[ok],
            "repairable": repairable[ok].astype(bool),
            "status": status[ok],
            "monitoring_months": months[ok].astype("Int64"),
            "summary": r.col("summary")[ok],
        }
    )
    subj = pd.DataFrame({"src_kind": skind[ok], "src": skey[ok], "dst": record_id[ok]})
    subj["eid"] = _ident("S", subj["src"], subj["dst"])
    for src_kind in ("Enterprise", "Person"):
        edges[("SUBJECT_OF", src_kind, "CreditRecord")] = subj[subj["src_kind"] == src_kind].drop(
            columns="src_kind"
        )
    resp = resp[resp["row"].isin(r.df.index[ok])]
    resp_edges = pd.DataFrame({"src": resp["pkey"].to_numpy(), "dst": record_id.loc[resp["row"]].to_numpy()})
    resp_edges = resp_edges.drop_duplicates(["src", "dst"])
    resp_edges["eid"] = _ident("R", resp_edges["src"], resp_edges["dst"])
    edges[("RESPONSIBLE_FOR", "Person", "CreditRecord")] = resp_edges

    done(r)

    # projects and participations -----------------------------------------------------------
    project_known = KeyMap(known.projects)
    project_rejected = KeyMap([])
    nodes["Project"] = pd.DataFrame(
        columns=["code", "name", "kind", "region_code", "status", "started", "ended", "outcome"]
    )
    if "projects.csv" in present:
        r = open_rows("projects.csv")
        r.required("code", "name")
        r.unique("code")
        pkind = _codes(r, "kind", spellings(ProjectKind), None)
        r.required("kind")
        region = r.col("region_code")
        r.reject(
            (region != "") & ~region.str.fullmatch(r"\d{6}"), "region_code", "region_code must be 6 digits"
        )
        started, ended = _dates(r, "started"), _dates(r, "ended")
        r.reject(started.notna() & ended.notna() & (ended < started), "ended", "ended is before started")
        ok = r.ok
        code = r.col("code")
        nodes["Project"] = pd.DataFrame(
            {
                "code": code[ok],
                "name": r.col("name")[ok],
                "kind": pkind[ok],
                "region_code": region[ok],
                "status": r.col("status")[ok],
                "started": started[ok],
                "ended": ended[ok],
                "outcome": r.col("outcome")[ok],
            }
        )
        project_known = project_known.union(KeyMap(code[ok]))
        project_rejected = _where_rejected(r, code, "projects.csv")
        done(r)
    parts = pd.DataFrame(columns=["src", "dst", "eid", "role"])
    if "participations.csv" in present:
        r = open_rows("participations.csv")
        ent = r.col("enterprise").str.upper()
        _check_uscc(r, "enterprise", required=True)
        _reject_unknown_enterprise(r, "enterprise", ent, ent_known, ent_rejected)
        proj = r.col("project")
        r.required("project", "role")
        why = _lookup(proj, project_rejected)
        unknown = (proj != "") & ~project_known.contains(proj)
        r.reject(unknown & (why != ""), "project", "refers to rejected project " + proj + " (" + why + ")")
        r.reject(unknown, "project", "unknown project " + proj)
        ok = r.ok
        parts = pd.DataFrame(
            {
                "src": ent[ok],
                "dst": proj[ok],
                "eid": _ident("P", ent[ok], proj[ok], r.col("role")[ok]),
                "role": r.col("role")[ok],
            }
        )
        dup = parts["eid"].duplicated(keep="first")
        r.reject(
            pd.Series(dup.to_numpy(), index=parts.index).reindex(r.df.index, fill_value=False),
            "role",
            "duplicate participation: same enterprise, project and role as an earlier row",
        )
        parts = parts[~dup]
        done(r)
    edges[("PARTICIPATES_IN", "Enterprise", "Project")] = parts

    # guarantees ----------------------------------------------------------------------------
    guar = pd.DataFrame(columns=["src_kind", "src", "dst", "eid", "amount", "since", "until"])
    if "guarantees.csv" in present:
        r = open_rows("guarantees.csv")
        gkind, gkey = _resolve_subjects(r, "guarantor", ent_known, person_keys, subject_rejected)
        debtor = r.col("debtor").str.upper()
        _check_uscc(r, "debtor", required=True)
        _reject_unknown_enterprise(r, "debtor", debtor, ent_known, ent_rejected)
        r.reject(
            (gkind == "Enterprise") & (gkey == debtor), "debtor", "an enterprise cannot guarantee itself"
        )
        amount, bad = parse_numbers(r.col("amount"))
        r.reject(bad | (amount < 0), "amount", "amount is not a non-negative number")
        since, until = _period(r)
        ok = r.ok
        guar = pd.DataFrame(
            {
                "src_kind": gkind[ok],
                "src": gkey[ok],
                "dst": debtor[ok],
                "eid": _ident("G", gkey[ok], debtor[ok], _date_key(since[ok])),
                "amount": amount[ok],
                "since": since[ok],
                "until": until[ok],
            }
        )
        dup = guar["eid"].duplicated(keep="first")
        r.reject(
            pd.Series(dup.to_numpy(), index=guar.index).reindex(r.df.index, fill_value=False),
            "since",
            "duplicate guarantee: same guarantor, debtor and since as an earlier row",
        )
        guar = guar[~dup]
        done(r)
    for src_kind in ("Enterprise", "Person"):
        edges[("GUARANTEES", src_kind, "Enterprise")] = guar[guar["src_kind"] == src_kind].drop(
            columns="src_kind"
        )

    return ValidatedBundle(
        nodes=nodes,
        edges=edges,
        rejects=rejects,
        encodings=encodings,
        row_counts=row_counts,
        warnings=warnings,
        over_full=over_full,
    )


def reject_count(bundle: ValidatedBundle) -> int:
    return sum(len(df) for df in bundle.rejects.values())


def iter_reject_lines(bundle: ValidatedBundle) -> Iterable[str]:
    for name, df in bundle.rejects.items():
        for _, row in df.iterrows():
            yield f"{name} line {row['_line']}, column {row['_column']}: {row['_reason']}"
