"""The one derivation: records + lifecycle events + role edges + catalogue -> restrictions.

Pure pandas, no store. Propagating one record and rebuilding everything both call `derive()`,
the first with frames cut to one record, the second with every record: so a rebuild gives what
incremental propagation gave by construction (and the tests check it on many cases).

Dates are pandas Timestamps (NaT when unknown) throughout.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from graph_credit.model import (
    CORRECTION_ACTIONS,
    DERIVED_NODE_KINDS,
    RECORD_FIELDS,
    SOURCE_STATUS_ACTION,
    VOID_STATUSES,
)
from graph_credit.punishment.catalogue import KIND_OF_TARGET, MeasureCatalogue, matches

# A record as derivation reads it: its fields but the free-text summary, and its subject.
RECORD_COLUMNS = [
    *(c for c in RECORD_FIELDS if c != "summary"),
    "subject_kind",
    "subject_key",
    "subject_name",
]
EVENT_COLUMNS = ["record_id", "seq", "action", "on_date", "from_status", "to_status"]
ROLE_COLUMNS = ["pkey", "person_name", "uscc", "role", "since", "until", "eid"]
RESPONSIBLE_COLUMNS = ["record_id", "pkey", "person_name", "eid"]
# What derive() gives; the push date is the one column kept from the stored row instead.
PUSHED_ON = "pushed_on"
RESTRICTION_COLUMNS = [c for c in DERIVED_NODE_KINDS["Restriction"].columns if c != PUSHED_ON]

_DATES = {
    "records": ("act_date", "decision_date", "valid_until"),
    "events": ("on_date",),
    "roles": ("since", "until"),
    "responsible": (),
}
ONE_DAY = pd.Timedelta(days=1)


def frame(rows: pd.DataFrame | list[dict] | None, columns: list[str], dates: tuple[str, ...]) -> pd.DataFrame:
    """Rows from a store read as a frame with exactly `columns`, dates as Timestamps."""
    if rows is None or isinstance(rows, list):
        # Plain object columns: no string inference to pay for on the small frames of one record.
        df = pd.DataFrame.from_records(rows or [], columns=columns)
        df = df.astype(dict.fromkeys(columns, object)) if len(df) else df.astype(object)
    else:
        df = rows.reindex(columns=columns).copy()
        for c in columns:
            if c not in dates and isinstance(df[c].dtype, pd.ArrowDtype | pd.StringDtype):
                # Arrow-backed strings make every merge's take slow on chunked arrays.
                df[c] = df[c].astype(object).where(df[c].notna(), None)
    for c in dates:
        df[c] = pd.to_datetime(df[c], errors="coerce")
    return df.reset_index(drop=True)


def records_frame(rows: pd.DataFrame | list[dict] | None) -> pd.DataFrame:
    df = frame(rows, RECORD_COLUMNS, _DATES["records"])
    for c in ("category", "level", "basis", "authority", "subject_name"):
        df[c] = df[c].astype(object).where(df[c].notna(), "").astype(str)
    return df


def events_frame(rows: pd.DataFrame | list[dict] | None) -> pd.DataFrame:
    df = frame(rows, EVENT_COLUMNS, _DATES["events"])
    df["seq"] = pd.to_numeric(df["seq"]).astype("int64") if len(df) else df["seq"].astype("int64")
    return df


def roles_frame(rows: pd.DataFrame | list[dict] | None) -> pd.DataFrame:
    return frame(rows, ROLE_COLUMNS, _DATES["roles"])


def responsible_frame(rows: pd.DataFrame | list[dict] | None) -> pd.DataFrame:
    return frame(rows, RESPONSIBLE_COLUMNS, ())


# ---------------------------------------------------------------------------------------------
# timelines: what the lifecycle events (or, lacking them, the loaded status) say about a record


def timelines(records: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Per record: effective status, suspension intervals, and how and when it stopped applying.

    Columns: record_id, status, suspended ("from/to;..." with `to` exclusive, empty when open),
    final_state (withdrawn | ended | ""), final_since (NaT: the date is not recorded),
    final_reason, exit_on (first day off the list, for key monitoring, NaT when not known).
    """
    out = pd.DataFrame({"record_id": records["record_id"].to_numpy()})
    status = records["status"].fillna("active").to_numpy(dtype=object).copy()
    valid_until = records["valid_until"]
    suspended = np.where(status == "under_objection", "/", "").astype(object)
    final_state = np.full(len(out), "", dtype=object)
    final_since = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    reason = np.full(len(out), "", dtype=object)

    def loaded(at: np.ndarray) -> None:
        """A status the source gave (with the record, or on a later load), with no date of its own."""
        st = status[at]
        suspended[at] = np.where(st == "under_objection", "/", "")
        final_state[at], reason[at] = "", ""
        final_since.iloc[at] = pd.NaT
        void = at[np.isin(st, VOID_STATUSES)]
        final_state[void] = "withdrawn"
        reason[void] = "status " + status[void] + " loaded from the source; date not recorded"
        repaired = at[st == "repaired"]
        final_state[repaired] = "ended"
        reason[repaired] = "repaired (status loaded from the source; date not recorded)"
        expired = at[st == "expired"]
        final_state[expired] = "ended"
        final_since.iloc[expired] = valid_until.iloc[expired] + ONE_DAY
        reason[expired] = np.where(
            valid_until.iloc[expired].notna(), "expired (validity ended)", "expired (date not recorded)"
        )

    loaded(np.arange(len(out)))
    exit_on = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")

    if len(events):
        events = events[~events["action"].isin(CORRECTION_ACTIONS)]
    if len(events):
        ev = events.sort_values(["record_id", "seq"], kind="stable").reset_index(drop=True)
        pos = pd.Series(np.arange(len(out)), index=out["record_id"])
        ev = ev[ev["record_id"].isin(pos.index)]
        last = ev.groupby("record_id", sort=False).tail(1)
        idx = pos.loc[last["record_id"]].to_numpy()
        status[idx] = last["to_status"].to_numpy(dtype=object)
        # Events replace whatever the loaded status implied.
        suspended[idx] = ""
        final_state[idx] = ""
        reason[idx] = ""
        final_since.iloc[idx] = pd.NaT
        nxt = ev.groupby("record_id", sort=False)["on_date"].shift(-1)
        obj = ev["action"] == "objection"
        if obj.any():
            iv = (
                ev.loc[obj, "on_date"].dt.strftime("%Y-%m-%d")
                + "/"
                + nxt[obj].dt.strftime("%Y-%m-%d").fillna("")
            )
            joined = iv.groupby(ev.loc[obj, "record_id"], sort=False).agg(";".join)
            suspended[pos.loc[joined.index].to_numpy()] = joined.to_numpy(dtype=object)
        last_status = last["to_status"].to_numpy(dtype=object)
        last_on = last["on_date"].to_numpy()
        last_action = last["action"].to_numpy(dtype=object)
        for i, st, on, action in zip(idx, last_status, last_on, last_action, strict=True):
            if st in VOID_STATUSES:
                final_state[i], reason[i] = "withdrawn", f"objection upheld: record {st}; reputation restored"
                final_since.iloc[i] = on
            elif st == "repaired":
                final_state[i], reason[i] = "ended", "credit repaired"
                final_since.iloc[i] = on
            elif st == "expired":
                final_state[i], reason[i] = "ended", "expired (validity ended)"
                final_since.iloc[i] = on
            elif action == "objection" or st == "under_objection":
                pass  # the open interval above
        from_source = idx[last_action == SOURCE_STATUS_ACTION]
        if len(from_source):
            loaded(from_source)
    out["status"] = status
    out["suspended"] = suspended
    out["final_state"] = final_state
    out["final_since"] = final_since.to_numpy()
    out["final_reason"] = reason
    ended = out["final_state"] == "ended"
    exit_on[ended] = out.loc[ended, "final_since"]
    # Validity passing takes a record off the list even before `expire_records` runs.
    passed = (out["final_state"] == "") & valid_until.notna()
    exit_on[passed] = valid_until[passed] + ONE_DAY
    out["exit_on"] = exit_on.to_numpy()
    return out


# ---------------------------------------------------------------------------------------------
# the derivation


def _months_after(days: pd.Series, months: int) -> pd.Series:
    return (days + pd.DateOffset(months=months)) - ONE_DAY


def _record_measures(records: pd.DataFrame, catalogue: MeasureCatalogue) -> pd.DataFrame:
    """(record_id, measure_code, planned to_date) for every measure a record triggers."""
    present = set(records["kind"].dropna())
    ids, codes, planned = [], [], []
    for m in catalogue.punishment:
        if not any(t.kind.value in present for t in m.triggers):
            continue  # cheap on one record: most measures are ruled out by kind alone
        hit = records[matches(m.triggers, records)]
        if hit.empty:
            continue
        until = hit["valid_until"]
        if m.duration.rule == "months":
            until = _months_after(hit["decision_date"], m.duration.months or 0)
        elif m.duration.rule == "validity_or_months":
            until = until.fillna(_months_after(hit["decision_date"], m.duration.months or 0))
        ids.append(hit["record_id"].to_numpy(dtype=object))
        codes.append(np.full(len(hit), m.code, dtype=object))
        planned.append(until.to_numpy(dtype="datetime64[ns]"))
    if not ids:
        return pd.DataFrame(
            {"record_id": [], "measure_code": [], "planned": pd.Series([], dtype="datetime64[ns]")}
        )
    return pd.DataFrame(
        {
            "record_id": np.concatenate(ids),
            "measure_code": np.concatenate(codes),
            "planned": np.concatenate(planned),
        }
    )


def _measure_targets(catalogue: MeasureCatalogue) -> pd.DataFrame:
    rows = [
        {"measure_code": m.code, "role": t, "responsible_only": t in m.responsible_only}
        for m in catalogue.punishment
        for t in m.targets
    ]
    return pd.DataFrame(rows)


def _offices_on_role_date(
    recs: pd.DataFrame, roles: pd.DataFrame, catalogue: MeasureCatalogue
) -> pd.DataFrame:
    """Who held each office of the record's subject enterprise on the role date, once per target
    role the office counts as (the catalogue's target_roles)."""
    ents = recs.loc[recs["subject_kind"] == "Enterprise", ["record_id", "subject_key", "role_date"]]
    counts_as = pd.DataFrame(
        [(office, t) for office, targets in catalogue.role_targets().items() for t in targets],
        columns=["role", "target"],
    )
    if ents.empty or roles.empty or counts_as.empty:
        return pd.DataFrame(
            columns=["record_id", "role", "pkey", "person_name", "eid", "office", "since", "until"]
        )
    r = roles.merge(counts_as, on="role")
    j = ents.merge(r, left_on="subject_key", right_on="uscc", how="inner")
    held = (j["since"].isna() | (j["since"] <= j["role_date"])) & (
        j["until"].isna() | (j["until"] >= j["role_date"])
    )
    j = j[held]
    return pd.DataFrame(
        {
            "record_id": j["record_id"].to_numpy(),
            "role": j["target"].to_numpy(),
            "pkey": j["pkey"].to_numpy(),
            "person_name": j["person_name"].to_numpy(),
            "eid": j["eid"].to_numpy(),
            "office": j["role"].to_numpy(),
            "since": j["since"].to_numpy(),
            "until": j["until"].to_numpy(),
        }
    )


def derive(
    records: pd.DataFrame,
    events: pd.DataFrame,
    roles: pd.DataFrame,
    responsible: pd.DataFrame,
    catalogue: MeasureCatalogue,
) -> pd.DataFrame:
    """Every restriction the records imply, one row per (record, measure, role, target)."""
    if records.empty:
        return _empty()
    tl = timelines(records, events)
    recs = records.merge(tl, on="record_id", suffixes=("_loaded", ""))
    recs["role_date"] = recs["act_date"].fillna(recs["decision_date"])
    recs["role_date_source"] = np.where(recs["act_date"].notna(), "act_date", "decision_date")
    rm = _record_measures(recs, catalogue)
    if rm.empty:
        return _empty()
    mt = _measure_targets(catalogue)
    rmt = rm.merge(mt, on="measure_code")

    parts = []
    subj = rmt[rmt["role"] == "subject"].merge(
        recs[["record_id", "subject_kind", "subject_key", "subject_name"]]
    )
    parts.append(
        pd.DataFrame(
            {
                "record_id": subj["record_id"],
                "measure_code": subj["measure_code"],
                "planned": subj["planned"],
                "role": "subject",
                "target_kind": subj["subject_kind"],
                "target_key": subj["subject_key"],
                "target_name": subj["subject_name"],
                "office": "",
                "via_enterprise": None,
                "role_edge": "S|" + subj["subject_key"].astype(str) + "|" + subj["record_id"].astype(str),
                "role_since": pd.NaT,
                "role_until": pd.NaT,
            }
        )
    )
    resp = rmt[rmt["role"] == "responsible"].merge(responsible, on="record_id")
    parts.append(_person_rows(resp, "", recs))
    offices = _offices_on_role_date(recs, roles, catalogue)
    off = rmt[~rmt["role"].isin(["subject", "responsible"])].merge(offices, on=["record_id", "role"])
    if off["responsible_only"].any():
        named = responsible[["record_id", "pkey"]].drop_duplicates().assign(_named=True)
        off = off.merge(named, on=["record_id", "pkey"], how="left")
        off = off[~off["responsible_only"] | off["_named"].fillna(False).astype(bool)]
    parts.append(_person_rows(off, None, recs))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if out is None:
        return _empty()
    # A measure binds only the kinds of target it can bind (限制出境: natural persons only).
    cannot = [(m.code, k) for m in catalogue.punishment for k in ("unit", "person") if k not in m.binds]
    if cannot:
        kind = out["target_kind"].map(KIND_OF_TARGET)
        drop = pd.Series(False, index=out.index)
        for code, k in cannot:
            drop |= (out["measure_code"] == code) & (kind == k)
        out = out[~drop].reset_index(drop=True)
        if out.empty:
            return _empty()
    out["rid"] = (
        out["record_id"].astype(str)
        + "|"
        + out["measure_code"]
        + "|"
        + out["role"]
        + "|"
        + out["target_key"].astype(str)
    )
    # The same person in the same office through two overlapping edges: one restriction, the
    # same one whatever order the rows came in (only the duplicates need sorting).
    dup = out["rid"].duplicated(keep=False)
    if dup.any():
        first = out[dup].sort_values(["rid", "role_edge"], kind="stable").drop_duplicates("rid")
        out = pd.concat([out[~dup], first], ignore_index=True)
    out = _joined(
        out,
        recs,
        "record_id",
        [
            "kind",
            "status",
            "authority",
            "decision_date",
            "role_date",
            "role_date_source",
            "suspended",
            "final_state",
            "final_since",
            "final_reason",
        ],
    )
    cap = out["final_state"].eq("ended") & out["final_since"].notna()
    to_date = out["planned"].copy()
    capped = out.loc[cap, "final_since"] - ONE_DAY
    to_date[cap] = np.where(to_date[cap].isna() | (capped < to_date[cap]), capped, to_date[cap])
    measures = pd.DataFrame(
        [
            {
                "measure_code": m.code,
                "measure_name": m.name,
                "means": m.means,
                "departments": "; ".join(m.departments),
                "measure_basis": m.basis,
                "bars_office": m.bars_office,
            }
            for m in catalogue.punishment
        ]
    )
    # The measure's texts repeat on each of its restrictions: categories, not copies of the text.
    at = pd.Index(measures["measure_code"]).get_indexer(out["measure_code"])
    out = out.copy(deep=False)
    for c in ("measure_name", "means", "departments", "measure_basis"):
        codes, texts = pd.factorize(measures[c])
        out[c] = pd.Categorical.from_codes(codes[at], categories=texts)
    out["bars_office"] = measures["bars_office"].to_numpy(dtype=bool)[at]
    res = pd.DataFrame(
        {
            "rid": out["rid"],
            "target_kind": out["target_kind"],
            "target_key": out["target_key"],
            "target_name": out["target_name"].fillna(""),
            "measure_code": out["measure_code"],
            "measure_name": out["measure_name"],
            "means": out["means"],
            "departments": out["departments"],
            "measure_basis": out["measure_basis"],
            "bars_office": out["bars_office"].astype(bool),
            "record_id": out["record_id"],
            "record_kind": out["kind"],
            "record_status": out["status"],
            "record_authority": out["authority"],
            "role": out["role"],
            "office": out["office"].fillna(""),
            "via_enterprise": out["via_enterprise"],
            "role_edge": out["role_edge"],
            "role_since": pd.to_datetime(out["role_since"]),
            "role_until": pd.to_datetime(out["role_until"]),
            "role_date": out["role_date"],
            "role_date_source": out["role_date_source"],
            "from_date": out["decision_date"],
            "to_date": pd.to_datetime(to_date),
            "suspended": out["suspended"],
            "final_state": out["final_state"],
            "final_since": out["final_since"],
            "final_reason": out["final_reason"],
        }
    )
    return res[RESTRICTION_COLUMNS].reset_index(drop=True)


def _joined(left: pd.DataFrame, right: pd.DataFrame, on: str, columns: list[str]) -> pd.DataFrame:
    """`left.merge(right[[on, *columns]], on=on)` where every left row has exactly one match: the
    columns taken by position, without the merge's copy of every column of a wide frame."""
    at = pd.Index(right[on]).get_indexer(left[on]) if right[on].is_unique else None
    if at is None or (at < 0).any():
        return left.merge(right[[on, *columns]], on=on)
    out = left.copy(deep=False)
    for c in columns:
        out[c] = right[c].take(at).set_axis(left.index)
    return out


def _person_rows(j: pd.DataFrame, office: str | None, recs: pd.DataFrame) -> pd.DataFrame:
    if j.empty:
        return j.iloc[0:0]
    subj = recs.set_index("record_id")
    kind = j["record_id"].map(subj["subject_kind"])
    key = j["record_id"].map(subj["subject_key"])
    return pd.DataFrame(
        {
            "record_id": j["record_id"].to_numpy(),
            "measure_code": j["measure_code"].to_numpy(),
            "planned": j["planned"].to_numpy(),
            "role": j["role"].to_numpy(),
            "target_kind": "Person",
            "target_key": j["pkey"].to_numpy(),
            "target_name": j["person_name"].to_numpy(),
            "office": j["office"].to_numpy() if office is None else office,
            "via_enterprise": key.where(kind == "Enterprise", None).to_numpy(),
            "role_edge": j["eid"].to_numpy(),
            "role_since": j["since"].to_numpy() if "since" in j else pd.NaT,
            "role_until": j["until"].to_numpy() if "until" in j else pd.NaT,
        }
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in RESTRICTION_COLUMNS})


# ---------------------------------------------------------------------------------------------
# state on a date


def _in_interval(text: str, day: pd.Timestamp, start: pd.Timestamp) -> bool:
    for part in text.split(";"):
        a, _, b = part.partition("/")
        lo = pd.Timestamp(a) if a else start
        if day >= lo and (not b or day < pd.Timestamp(b)):
            return True
    return False


def state_at(restrictions: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """pending | active | suspended | withdrawn | ended, per restriction, on `as_of`."""
    day = pd.Timestamp(as_of)
    r = restrictions
    from_date = pd.to_datetime(r["from_date"])
    to_date = pd.to_datetime(r["to_date"])
    final_since = pd.to_datetime(r["final_since"])
    final = r["final_state"].fillna("")
    state = pd.Series("active", index=r.index, dtype=object)
    sus = r["suspended"].fillna("")
    has = sus != ""
    if has.any():
        flags = [_in_interval(t, day, s) for t, s in zip(sus[has], from_date[has].fillna(day), strict=True)]
        state[has[has].index[np.array(flags, dtype=bool)]] = "suspended"
    final_now = final_since.isna() | (final_since <= day)
    state[(to_date.notna() & (to_date < day)) | ((final == "ended") & final_now)] = "ended"
    state[(final == "withdrawn") & final_now] = "withdrawn"
    state[from_date.notna() & (from_date > day)] = "pending"
    return state


def _ts(value: object) -> pd.Timestamp | None:
    if value is None or value is pd.NaT:
        return None
    ts = pd.Timestamp(value)  # type: ignore[arg-type]
    return None if pd.isna(ts) else ts


def state_of(row: dict, as_of: dt.date) -> str:
    """`state_at` for one stored row, without a frame: the lookup path (a test checks they agree)."""
    day = pd.Timestamp(as_of)
    from_date, to_date, final_since = (
        _ts(row.get("from_date")),
        _ts(row.get("to_date")),
        _ts(row.get("final_since")),
    )
    final = row.get("final_state") or ""
    if from_date is not None and from_date > day:
        return "pending"
    final_now = final_since is None or final_since <= day
    if final == "withdrawn" and final_now:
        return "withdrawn"
    if (to_date is not None and to_date < day) or (final == "ended" and final_now):
        return "ended"
    sus = row.get("suspended") or ""
    if sus and _in_interval(sus, day, from_date if from_date is not None else day):
        return "suspended"
    return "active"
