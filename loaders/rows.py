"""Rows of one bundle file and the vectorised checks the file sections share.

A city-scale bundle has millions of rows, so each rule looks at a whole column at once and
marks the rows it rejects; the first rule a row breaks is its reason. Messages are built only
for the rejected rows: building one per row costs seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graph_credit import identifiers as ids
from graph_credit.model import OVER_FULL_TOLERANCE
from loaders.columns import KeyMap, arrow_strings
from loaders.csvio import RawFile, parse_codes, parse_dates

Reason = str | pd.Series | Callable[[pd.Series], "str | pd.Series"]


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


def lookup(keys: pd.Series, where: KeyMap) -> pd.Series:
    """Where each key was rejected, or "" (a string column even when nothing matches)."""
    return where.get(keys, "")


def check_uscc(rows: Rows, name: str, *, required: bool) -> pd.Series:
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


def dates(rows: Rows, name: str) -> pd.Series:
    values, bad = parse_dates(rows.col(name))
    rows.reject(
        bad, name, lambda m: f"{name} is not a date (YYYY-MM-DD) or does not exist: " + rows.col(name)[m]
    )
    return values


def period(rows: Rows) -> tuple[pd.Series, pd.Series]:
    since, until = dates(rows, "since"), dates(rows, "until")
    rows.reject(since.notna() & until.notna() & (until < since), "until", "until is before since")
    return since, until


def codes(rows: Rows, name: str, allowed: dict[str, str], default: str | None) -> pd.Series:
    values, bad = parse_codes(rows.col(name), allowed, default)
    choices = ", ".join(sorted({v for v in allowed.values()}))
    rows.reject(bad, name, lambda m: f"{name} " + rows.col(name)[m] + f" is not one of {choices}")
    return values


def ident(tag: str, *parts: pd.Series) -> pd.Series:
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


def date_key(d: pd.Series) -> pd.Series:
    days = pa.array(d.to_numpy(dtype="datetime64[D]"), from_pandas=True).cast(pa.date32())
    out = pc.fill_null(days.cast(pa.string()), "").to_pandas().astype("str")
    out.index = d.index
    return out


def resolve_subjects(
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
    why = lookup(raw, rejected) if (unknown_ent | unknown_p).any() else pd.Series("", index=raw.index)
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


def reject_unknown_enterprise(
    rows: Rows, name: str, codes: pd.Series, known: KeyMap, rejected: KeyMap
) -> None:
    unknown = (codes != "") & ~known.contains(codes)
    if not unknown.any():
        return
    why = lookup(codes, rejected)
    rows.reject(
        unknown & (why != ""),
        name,
        lambda m: "refers to rejected enterprise " + codes[m] + " (" + why[m] + ")",
    )
    rows.reject(unknown, name, lambda m: "unknown enterprise " + codes[m])


def where_rejected(rows: Rows, key: pd.Series, file: str) -> KeyMap:
    bad = ~rows.ok & (key != "")
    return KeyMap(key[bad], file + " line " + rows.df.loc[bad, "_line"].astype(str))


def over_full(holds: pd.DataFrame) -> pd.DataFrame:
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


def drop_duplicate_ids(rows: Rows, frame: pd.DataFrame, column: str, message: str) -> pd.DataFrame:
    """Reject every row whose identity (`eid`) an earlier row of the file already has."""
    dup = frame["eid"].duplicated(keep="first")
    if dup.any():
        rows.reject(
            pd.Series(dup.to_numpy(), index=frame.index).reindex(rows.df.index, fill_value=False),
            column,
            message,
        )
    return frame[~dup]


def split_by_kind(frame: pd.DataFrame, column: str = "src_kind") -> dict[str, pd.DataFrame]:
    return {kind: frame[frame[column] == kind].drop(columns=column) for kind in ("Enterprise", "Person")}
