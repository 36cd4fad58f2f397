"""Validate a CSV bundle (docs/data-format.md) into node and edge frames, keeping rejects aside.

Each file has a section of its own (a method below): its locals are let go when it ends, which
keeps a city-scale load within its memory budget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from graph_credit import identifiers as ids
from graph_credit.model import (
    EnterpriseStatus,
    OrgType,
    ProjectKind,
    RecordKind,
    RecordStatus,
    Role,
)
from loaders.columns import KeyMap
from loaders.csvio import (
    parse_bools,
    parse_codes,
    parse_dates,
    parse_numbers,
    parse_shares,
    read_csv,
    read_header,
)
from loaders.rows import (
    Rows,
    check_uscc,
    codes,
    date_key,
    dates,
    drop_duplicate_ids,
    ident,
    lookup,
    over_full,
    period,
    reject_unknown_enterprise,
    resolve_subjects,
    split_by_kind,
    where_rejected,
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
    "withdrawals.csv": (("file", "key", "reason", "authority", "date"), ()),
}
# The rows a withdrawal may name: file -> (edge identity tag, the fields of its `key`, in order).
WITHDRAWABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "holdings.csv": ("H", ("holder", "target", "since")),
    "roles.csv": ("O", ("person", "enterprise", "role", "since")),
    "guarantees.csv": ("G", ("guarantor", "debtor", "since")),
    "participations.csv": ("P", ("enterprise", "project", "role")),
}
WITHDRAWAL_COLUMNS = ("edge", "eid", "file", "key", "reason", "authority", "date", "_line")
REQUIRED_FILES = ("enterprises.csv", "persons.csv", "holdings.csv", "roles.csv", "records.csv")


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
    # rows of earlier bundles said to be wrong (WITHDRAWAL_COLUMNS), each with its edge identity
    withdrawals: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WITHDRAWAL_COLUMNS))


class _Checker:
    """Checks one bundle file by file, carrying what later files may refer to."""

    def __init__(self, folder: Path, known: Known, secret: str, progress: Callable[[str], None]) -> None:
        self.folder, self.known, self.secret, self.progress = folder, known, secret, progress
        self.nodes: dict[str, pd.DataFrame] = {}
        self.edges: dict[tuple[str, str, str], pd.DataFrame] = {}
        self.rejects: dict[str, pd.DataFrame] = {}
        self.encodings: dict[str, str] = {}
        self.row_counts: dict[str, int] = {}
        self.over_full = pd.DataFrame(columns=["target", "date", "total"])
        self.enterprises = KeyMap(known.enterprises)  # keys that may be referred to
        self.ent_rejected = KeyMap([])  # key -> where it was rejected
        self.person_keys = KeyMap([])  # ref -> person key
        self.person_rejected = KeyMap([])
        self.projects = KeyMap(known.projects)
        self.project_rejected = KeyMap([])
        self.capital_by_uscc = pd.Series(dtype="float64")
        self.withdrawals = pd.DataFrame(columns=WITHDRAWAL_COLUMNS)

    def open(self, name: str) -> Rows:
        raw = read_csv(self.folder / name)
        self.encodings[name], self.row_counts[name] = raw.encoding, len(raw.frame) + len(raw.malformed)
        self.progress(f"read {name}")
        return Rows(raw)

    def done(self, rows: Rows) -> None:
        self.rejects[rows.raw.name] = rows.rejected()
        self.progress(f"checked {rows.raw.name}")

    @property
    def subject_rejected(self) -> KeyMap:
        return self.ent_rejected.union(self.person_rejected)

    def enterprises_csv(self) -> None:
        r = self.open("enterprises.csv")
        uscc = check_uscc(r, "uscc", required=True)
        r.unique("uscc")
        r.required("name")
        org_type = codes(r, "org_type", spellings(OrgType), OrgType.ENTERPRISE.value)
        status = codes(r, "status", spellings(EnterpriseStatus), EnterpriseStatus.ACTIVE.value)
        established = dates(r, "established")
        capital, bad = parse_numbers(r.col("registered_capital"))
        r.reject(bad | (capital < 0), "registered_capital", "registered_capital is not a non-negative number")
        region = r.col("region_code")
        r.reject(
            (region != "") & ~region.str.fullmatch(r"\d{6}"), "region_code", "region_code must be 6 digits"
        )
        region = region.where(region != "", uscc.str.slice(2, 8))
        parent = check_uscc(r, "parent_uscc", required=False)
        r.reject((parent != "") & (parent == uscc), "parent_uscc", "an enterprise cannot be its own branch")
        # a parent must be accepted itself, so it is checked after the file's own rejections
        reject_unknown_enterprise(
            r, "parent_uscc", parent, KeyMap(uscc[r.ok]).union(self.enterprises), KeyMap([])
        )
        self.ent_rejected = where_rejected(r, uscc, "enterprises.csv")
        ok = r.ok
        self.enterprises = KeyMap(uscc[ok]).union(self.enterprises)
        self.nodes["Enterprise"] = pd.DataFrame(
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
        self.edges[("BRANCH_OF", "Enterprise", "Enterprise")] = pd.DataFrame(
            {"src": uscc[branch], "dst": parent[branch], "eid": ident("B", uscc[branch], parent[branch])}
        )
        self.capital_by_uscc = pd.Series(capital[ok].to_numpy(), index=uscc[ok].to_numpy())
        self.done(r)

    def persons_csv(self) -> None:
        r = self.open("persons.csv")
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
            ids.person_keys_bulk(idn[ok].to_numpy(), source[ok].to_numpy(), ref[ok].to_numpy(), self.secret),
            index=ref[ok].index,
            dtype="str",
        )
        masked = (idn.str.slice(0, 4) + "*" * 10 + idn.str.slice(14, 18)).where(has_id, None)
        persons = pd.DataFrame(
            {
                "pkey": pkey,
                "name": r.col("name")[ok],
                "id_masked": masked[ok],
                "source_ref": source[ok] + ":" + ref[ok],
            }
        )
        # Two refs with one ID number are one person: the node is written once.
        self.nodes["Person"] = persons.drop_duplicates("pkey", keep="first")
        self.person_keys = KeyMap(ref[ok], pkey)
        self.person_rejected = where_rejected(r, ref, "persons.csv")
        self.done(r)

    def holdings_csv(self) -> None:
        r = self.open("holdings.csv")
        hkind, hkey = resolve_subjects(r, "holder", self.enterprises, self.person_keys, self.subject_rejected)
        target = r.col("target").str.upper()
        check_uscc(r, "target", required=True)
        reject_unknown_enterprise(r, "target", target, self.enterprises, self.ent_rejected)
        r.reject((hkind == "Enterprise") & (hkey == target), "holder", "an enterprise cannot hold itself")
        ratio, bad, why = parse_shares(r.col("ratio"))
        r.reject(bad, "ratio", why)
        subscribed, bad = parse_numbers(r.col("subscribed_capital"))
        r.reject(
            bad | (subscribed < 0), "subscribed_capital", "subscribed_capital is not a non-negative number"
        )
        since, until = period(r)
        r.reject(r.ok & ratio.isna() & subscribed.isna(), "ratio", "ratio or subscribed_capital is required")
        derive = r.ok & ratio.isna()
        if derive.any():
            ratio = self._derive_shares(r, target, subscribed, ratio, derive)
        ok = r.ok
        holds = pd.DataFrame(
            {
                "src_kind": hkind[ok],
                "src": hkey[ok],
                "dst": target[ok],
                "eid": ident("H", hkey[ok], target[ok], date_key(since[ok])),
                "ratio": ratio[ok],
                "ratio_derived": derive[ok],
                "subscribed_capital": subscribed[ok],
                "since": since[ok],
                "until": until[ok],
            }
        )
        holds = drop_duplicate_ids(
            r, holds, "since", "duplicate holding: same holder, target and since as an earlier row"
        )
        for kind, part in split_by_kind(holds).items():
            self.edges[("HOLDS", kind, "Enterprise")] = part
        self.over_full = over_full(holds)
        self.done(r)

    def _derive_shares(
        self, r: Rows, target: pd.Series, subscribed: pd.Series, ratio: pd.Series, derive: pd.Series
    ) -> pd.Series:
        """ratio = subscribed capital / the target's registered capital (stored or in the bundle)."""
        wanted = target[derive]
        cap = wanted.map(self.capital_by_uscc).astype("float64")
        outside = sorted(set(wanted[cap.isna()]))
        if outside:
            cap = cap.fillna(wanted.map(pd.Series(self.known.capital_of(outside), dtype="float64")))
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
        return ratio.where(~derive, derived.clip(upper=1.0))

    def roles_csv(self) -> None:
        r = self.open("roles.csv")
        _, pkey = resolve_subjects(
            r, "person", KeyMap([]), self.person_keys, self.person_rejected, allow_enterprise=False
        )
        ent = r.col("enterprise").str.upper()
        check_uscc(r, "enterprise", required=True)
        reject_unknown_enterprise(r, "enterprise", ent, self.enterprises, self.ent_rejected)
        role = codes(r, "role", spellings(Role), None)
        since, until = period(r)
        ok = r.ok
        roles = pd.DataFrame(
            {
                "src": pkey[ok],
                "dst": ent[ok],
                "eid": ident("O", pkey[ok], ent[ok], role[ok], date_key(since[ok])),
                "role": role[ok],
                "since": since[ok],
                "until": until[ok],
            }
        )
        roles = drop_duplicate_ids(
            r, roles, "since", "duplicate role: same person, enterprise, role and since as an earlier row"
        )
        legal = roles["role"] == Role.LEGAL_REP.value
        self.edges[("LEGAL_REP_OF", "Person", "Enterprise")] = roles[legal]
        self.edges[("SERVES_AS", "Person", "Enterprise")] = roles[~legal]
        self.done(r)

    def records_csv(self) -> None:
        r = self.open("records.csv")
        r.required("record_id")
        r.unique("record_id")
        skind, skey = resolve_subjects(
            r, "subject", self.enterprises, self.person_keys, self.subject_rejected
        )
        kind = codes(r, "kind", spellings(RecordKind), None)
        level = KeyMap(list(TAX_LEVELS), list(TAX_LEVELS.values())).get(r.col("level"))
        r.reject((r.col("level") != "") & level.isna(), "level", "level must be A, B, C, D or M")
        r.reject(
            (kind == RecordKind.TAX_CREDIT.value) & level.isna(),
            "level",
            "a tax_credit record needs its level",
        )
        r.required("authority")
        act, decision, valid = dates(r, "act_date"), dates(r, "decision_date"), dates(r, "valid_until")
        r.required("decision_date")
        r.reject(
            act.notna() & decision.notna() & (act > decision), "act_date", "act_date is after decision_date"
        )
        r.reject(
            decision.notna() & valid.notna() & (valid < decision),
            "valid_until",
            "valid_until is before decision_date",
        )
        repairable, bad = parse_bools(r.col("repairable"), True)
        r.reject(bad, "repairable", "repairable must be true/false, yes/no, 1/0 or 是/否")
        status = codes(r, "status", spellings(RecordStatus), RecordStatus.ACTIVE.value)
        months, bad = parse_numbers(r.col("monitoring_months"))
        r.reject(
            bad | (months < 0) | (months.round() != months) & months.notna(),
            "monitoring_months",
            "monitoring_months must be a whole number of months",
        )
        resp = self._responsible(r)
        ok = r.ok
        record_id = r.col("record_id")
        self.nodes["CreditRecord"] = pd.DataFrame(
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
        subj["eid"] = ident("S", subj["src"], subj["dst"])
        for src_kind, part in split_by_kind(subj).items():
            self.edges[("SUBJECT_OF", src_kind, "CreditRecord")] = part
        resp = resp[resp["row"].isin(r.df.index[ok])]
        named = pd.DataFrame({"src": resp["pkey"].to_numpy(), "dst": record_id.loc[resp["row"]].to_numpy()})
        named = named.drop_duplicates(["src", "dst"])
        named["eid"] = ident("R", named["src"], named["dst"])
        self.edges[("RESPONSIBLE_FOR", "Person", "CreditRecord")] = named
        self.done(r)

    def _responsible(self, r: Rows) -> pd.DataFrame:
        """The persons named as directly responsible: one row per (record row, person)."""
        named = r.col("responsible")
        named = named[named != ""].str.split(";").explode().str.strip()
        resp = pd.DataFrame({"row": named.index, "ref": named.to_numpy()})
        resp = resp[resp["ref"] != ""].reset_index(drop=True)
        resp["pkey"] = self.person_keys.get(resp["ref"])
        unknown = resp[resp["pkey"].isna()]
        if len(unknown):
            reasons = pd.Series(None, index=r.df.index, dtype=object)
            for row, refs in unknown.groupby("row")["ref"]:
                reasons[row] = "unknown person(s) named as responsible: " + ", ".join(refs)
            r.reject(reasons.notna(), "responsible", reasons)
        return resp

    def projects_csv(self) -> None:
        r = self.open("projects.csv")
        r.required("code", "name")
        r.unique("code")
        kind = codes(r, "kind", spellings(ProjectKind), None)
        r.required("kind")
        region = r.col("region_code")
        r.reject(
            (region != "") & ~region.str.fullmatch(r"\d{6}"), "region_code", "region_code must be 6 digits"
        )
        started, ended = dates(r, "started"), dates(r, "ended")
        r.reject(started.notna() & ended.notna() & (ended < started), "ended", "ended is before started")
        ok = r.ok
        code = r.col("code")
        self.nodes["Project"] = pd.DataFrame(
            {
                "code": code[ok],
                "name": r.col("name")[ok],
                "kind": kind[ok],
                "region_code": region[ok],
                "status": r.col("status")[ok],
                "started": started[ok],
                "ended": ended[ok],
                "outcome": r.col("outcome")[ok],
            }
        )
        self.projects = self.projects.union(KeyMap(code[ok]))
        self.project_rejected = where_rejected(r, code, "projects.csv")
        self.done(r)

    def participations_csv(self) -> None:
        r = self.open("participations.csv")
        ent = r.col("enterprise").str.upper()
        check_uscc(r, "enterprise", required=True)
        reject_unknown_enterprise(r, "enterprise", ent, self.enterprises, self.ent_rejected)
        proj = r.col("project")
        r.required("project", "role")
        unknown = (proj != "") & ~self.projects.contains(proj)
        why = lookup(proj, self.project_rejected)
        r.reject(
            unknown & (why != ""),
            "project",
            lambda m: "refers to rejected project " + proj[m] + " (" + why[m] + ")",
        )
        r.reject(unknown, "project", lambda m: "unknown project " + proj[m])
        ok = r.ok
        role = r.col("role")
        parts = pd.DataFrame(
            {
                "src": ent[ok],
                "dst": proj[ok],
                "eid": ident("P", ent[ok], proj[ok], role[ok]),
                "role": role[ok],
            }
        )
        self.edges[("PARTICIPATES_IN", "Enterprise", "Project")] = drop_duplicate_ids(
            r, parts, "role", "duplicate participation: same enterprise, project and role as an earlier row"
        )
        self.done(r)

    def guarantees_csv(self) -> None:
        r = self.open("guarantees.csv")
        gkind, gkey = resolve_subjects(
            r, "guarantor", self.enterprises, self.person_keys, self.subject_rejected
        )
        debtor = r.col("debtor").str.upper()
        check_uscc(r, "debtor", required=True)
        reject_unknown_enterprise(r, "debtor", debtor, self.enterprises, self.ent_rejected)
        r.reject(
            (gkind == "Enterprise") & (gkey == debtor), "debtor", "an enterprise cannot guarantee itself"
        )
        amount, bad = parse_numbers(r.col("amount"))
        r.reject(bad | (amount < 0), "amount", "amount is not a non-negative number")
        since, until = period(r)
        ok = r.ok
        guar = pd.DataFrame(
            {
                "src_kind": gkind[ok],
                "src": gkey[ok],
                "dst": debtor[ok],
                "eid": ident("G", gkey[ok], debtor[ok], date_key(since[ok])),
                "amount": amount[ok],
                "since": since[ok],
                "until": until[ok],
            }
        )
        guar = drop_duplicate_ids(
            r, guar, "since", "duplicate guarantee: same guarantor, debtor and since as an earlier row"
        )
        for kind, part in split_by_kind(guar).items():
            self.edges[("GUARANTEES", kind, "Enterprise")] = part
        self.done(r)

    def withdrawals_csv(self) -> None:
        r = self.open("withdrawals.csv")
        r.required("file", "key", "reason", "authority", "date")
        when = dates(r, "date")
        files = r.col("file").str.strip().str.lower()
        r.reject(
            (files != "") & ~files.isin(list(WITHDRAWABLE)),
            "file",
            "file must be one of " + ", ".join(WITHDRAWABLE) + " (a record is withdrawn by its status)",
        )
        edge = pd.Series("", index=r.df.index, dtype=object)
        eid = pd.Series("", index=r.df.index, dtype=object)
        why = pd.Series(None, index=r.df.index, dtype=object)
        for i in np.flatnonzero(r.ok.to_numpy()):
            try:
                edge.iat[i], eid.iat[i] = self._withdrawn_row(files.iat[i], r.col("key").iat[i])
            except ValueError as exc:
                why.iat[i] = str(exc)
        r.reject(why.notna(), "key", why)
        ok = r.ok
        self.withdrawals = pd.DataFrame(
            {
                "edge": edge[ok],
                "eid": eid[ok],
                "file": files[ok],
                "key": r.col("key")[ok],
                "reason": r.col("reason")[ok],
                "authority": r.col("authority")[ok],
                "date": when[ok],
                "_line": r.df["_line"][ok],
            }
        )
        self.done(r)

    def _withdrawn_row(self, file: str, key: str) -> tuple[str, str]:
        """The edge kind and identity of the row `key` names in `file` (its fields joined by `|`)."""
        tag, fields = WITHDRAWABLE[file]
        parts = [p.strip() for p in key.split("|")]
        if len(parts) != len(fields):
            raise ValueError(f"key must be {'|'.join(fields)} (an empty since is written as nothing)")
        values = []
        for name, v in zip(fields, parts, strict=True):
            if name in ("holder", "guarantor", "person"):
                if name != "person" and ids.uscc_valid_mask(pd.Series([v.upper()]))[0]:
                    values.append(v.upper())
                    continue
                found = self.person_keys.get(pd.Series([v])).iat[0]
                if not isinstance(found, str):
                    raise ValueError(f"unknown person {v!r} in {name}: list the person in persons.csv")
                values.append(found)
            elif name in ("target", "debtor", "enterprise"):
                if not ids.uscc_valid_mask(pd.Series([v.upper()]))[0]:
                    raise ValueError(f"{name} {v!r} is not a valid USCC")
                values.append(v.upper())
            elif name == "since":
                day, bad = parse_dates(pd.Series([v]))
                if bad.iat[0]:
                    raise ValueError(f"since {v!r} is not a date")
                values.append(date_key(day).iat[0])
            elif name == "role" and file == "roles.csv":
                role, bad = parse_codes(pd.Series([v]), spellings(Role), None)
                if bad.iat[0] or not isinstance(role.iat[0], str):
                    raise ValueError(f"role {v!r} is not an office role")
                values.append(role.iat[0])
            else:
                values.append(v)
        edge = {"H": "HOLDS", "G": "GUARANTEES", "P": "PARTICIPATES_IN"}.get(tag)
        if edge is None:
            edge = "LEGAL_REP_OF" if values[2] == Role.LEGAL_REP.value else "SERVES_AS"
        return edge, "|".join([tag, *values])


def read_bundle(
    folder: Path,
    known: Known,
    secret: str,
    progress: Callable[[str], None] = lambda step: None,
) -> ValidatedBundle:
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError(f"{folder}: not a folder")
    # Every header is checked before any row is read, so a broken bundle stops at once.
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

    checker = _Checker(folder, known, secret, progress)
    for name in present:  # COLUMNS lists the files in the order their references need
        getattr(checker, name.replace(".", "_"))()
    return ValidatedBundle(
        nodes=checker.nodes,
        edges=checker.edges,
        rejects=checker.rejects,
        encodings=checker.encodings,
        row_counts=checker.row_counts,
        warnings=warnings,
        over_full=checker.over_full,
        withdrawals=checker.withdrawals,
    )
