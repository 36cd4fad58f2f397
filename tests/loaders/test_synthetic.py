"""The synthetic bundle generator: determinism, valid identifiers, resolvable references and the
structures the analyses need (cycles, deep groups, changing stakes and offices, dirty rows)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graph_credit.identifiers import (
    USCC_ALPHABET,
    is_resident_id,
    is_uscc,
    make_resident_id,
    make_uscc,
)
from graph_credit.model import RecordKind
from loaders.synthetic import DIRTY_ROWS, EXPORT_DATE, FILES, SCALES, generate, resident_id_array, uscc_array


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("tiny")
    return folder, generate("tiny", folder)


@pytest.fixture(scope="module")
def frames(tiny: tuple[Path, dict[str, int]]) -> dict[str, pd.DataFrame]:
    folder, _ = tiny
    return {name: _read(folder, name) for name in FILES}


def date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def test_same_seed_same_bytes_and_counts(tiny: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    folder, counts = tiny
    again = generate("tiny", tmp_path / "again")
    assert again == counts
    for name in FILES:
        assert (folder / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    other = generate("tiny", tmp_path / "other", seed=1)
    assert (tmp_path / "other" / "enterprises.csv").read_bytes() != (folder / "enterprises.csv").read_bytes()
    assert set(other) == set(FILES)


def test_counts_and_header_match_the_files(
    tiny: tuple[Path, dict[str, int]], frames: dict[str, pd.DataFrame]
) -> None:
    _, counts = tiny
    assert list(counts) == list(FILES)
    for name in FILES:
        assert counts[name] == len(frames[name]) > 0, name
    assert counts["enterprises.csv"] == SCALES["tiny"].enterprises
    assert 1.0 <= counts["persons.csv"] / counts["enterprises.csv"] <= 1.2


def test_files_are_what_pandas_to_csv_writes(
    tiny: tuple[Path, dict[str, int]], frames: dict[str, pd.DataFrame]
) -> None:
    folder, _ = tiny
    for name in FILES:
        raw = (folder / name).read_bytes()
        assert raw.decode("utf-8")  # UTF-8, no byte-order mark needed
        assert frames[name].to_csv(index=False).encode("utf-8") == raw, name


def test_column_names_follow_the_format(frames: dict[str, pd.DataFrame]) -> None:
    assert list(frames["enterprises.csv"].columns) == [
        "uscc", "name", "org_type", "status", "established", "registered_capital", "region_code",
        "industry", "address", "phone", "parent_uscc",
    ]  # fmt: skip
    assert list(frames["persons.csv"].columns) == ["ref", "name", "id_number", "source"]
    assert list(frames["holdings.csv"].columns) == [
        "holder",
        "target",
        "ratio",
        "subscribed_capital",
        "since",
        "until",
    ]
    assert list(frames["roles.csv"].columns) == ["person", "enterprise", "role", "since", "until"]
    assert list(frames["records.csv"].columns) == [
        "record_id", "subject", "kind", "category", "level", "authority", "basis", "act_date",
        "decision_date", "valid_until", "repairable", "status", "monitoring_months", "responsible", "summary",
    ]  # fmt: skip
    assert list(frames["projects.csv"].columns) == [
        "code", "name", "kind", "region_code", "status", "started", "ended", "outcome",
    ]  # fmt: skip
    assert list(frames["participations.csv"].columns) == ["enterprise", "project", "role"]
    assert list(frames["guarantees.csv"].columns) == ["guarantor", "debtor", "amount", "since", "until"]


def test_codes_use_the_english_spellings(frames: dict[str, pd.DataFrame]) -> None:
    ent = frames["enterprises.csv"]
    assert set(ent["org_type"]) == {
        "enterprise", "individual_business", "public_institution", "social_organisation", "government",
    }  # fmt: skip
    assert set(ent["status"]) <= {"active", "revoked", "deregistered", "moved_out"}
    assert (ent["status"] == "active").mean() > 0.6
    assert set(ent["industry"]) <= set("ABCDEFGHIJKLMNOPQRST")
    assert set(frames["roles.csv"]["role"]) <= {
        "legal_rep", "principal", "chair", "director", "supervisor", "manager", "finance_head",
    }  # fmt: skip
    assert set(frames["projects.csv"]["kind"]) == {"investment", "procurement", "bidding", "construction"}
    assert set(frames["participations.csv"]["role"]) <= {
        "candidate",
        "bidder",
        "winner",
        "investor",
        "contractor",
    }
    rec = frames["records.csv"]
    assert set(rec["repairable"]) <= {"true", "false", ""}
    assert set(rec["status"]) <= {"active", "under_objection", "corrected", "revoked", "repaired", "expired"}


def test_every_uscc_is_valid_unique_and_made_as_the_library_makes_it(frames: dict[str, pd.DataFrame]) -> None:
    ent = frames["enterprises.csv"]
    codes = ent["uscc"].tolist()
    assert all(is_uscc(c) for c in codes)
    assert len(set(codes)) == len(codes)
    for c in codes:
        assert make_uscc(c[0], c[1], c[2:8], c[8:16]) == c
    # authority and kind by org_type (GB 32100)
    head = ent["uscc"].str[:2]
    assert set(head[ent["org_type"] == "individual_business"]) == {"92"}
    assert set(head[ent["org_type"] == "enterprise"]) <= {"91", "93"}
    assert set(head[ent["org_type"] == "government"]) == {"11"}
    assert set(head[ent["org_type"] == "public_institution"]) == {"12"}
    assert set(head[ent["org_type"] == "social_organisation"]) <= {"51", "52", "53"}
    # region_code is the registering authority's division, as in the code
    assert (ent["region_code"] == ent["uscc"].str[2:8]).all()
    assert (ent["region_code"].str[:4] == "2308").mean() > 0.7  # the main city
    assert (ent["region_code"].str[:4] != "2308").any()
    parents = ent.loc[ent["parent_uscc"] != "", "parent_uscc"]
    assert len(parents) > 0 and parents.isin(set(codes)).all()


def test_vectorised_uscc_equals_make_uscc_on_random_bodies() -> None:
    rng = np.random.default_rng(7)
    k = 3000
    alpha = np.frombuffer(USCC_ALPHABET.encode(), np.uint8)
    body = alpha[rng.integers(0, len(alpha), (k, 8))]
    heads = np.array([b"91", b"92", b"93", b"11", b"12", b"51", b"52", b"53"])[rng.integers(0, 8, k)]
    head = np.frombuffer(heads.tobytes(), np.uint8).reshape(k, 2)
    region = rng.integers(110000, 660000, k)
    got = uscc_array(head, region, body)
    for i in range(k):
        want = make_uscc(chr(head[i, 0]), chr(head[i, 1]), f"{region[i]:06d}", body[i].tobytes().decode())
        assert got[i].decode() == want


def test_vectorised_resident_id_equals_make_resident_id() -> None:
    rng = np.random.default_rng(8)
    k = 3000
    region = rng.integers(110000, 660000, k)
    days = rng.integers(-7300, 11000, k)
    seq = rng.integers(0, 1000, k)
    got = resident_id_array(region, days, seq)
    for i in range(k):
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=int(days[i]))
        assert got[i].decode() == make_resident_id(f"{region[i]:06d}", birth, int(seq[i]))


def test_persons_have_valid_unique_ids_and_refs_that_are_not_codes(frames: dict[str, pd.DataFrame]) -> None:
    per = frames["persons.csv"]
    assert per["ref"].is_unique
    assert per["ref"].str.fullmatch(r"P\d{7}").all()
    assert not any(is_uscc(r) for r in per["ref"])
    ids = per.loc[per["id_number"] != "", "id_number"]
    assert all(is_resident_id(x) for x in ids)
    assert ids.is_unique
    births = ids.str[6:10].astype(int)
    assert births.between(1950, 2000).all()
    without = per[per["id_number"] == ""]
    assert 0.01 <= len(without) / len(per) <= 0.1
    assert "court_feed" in set(without["source"])


def test_every_reference_resolves(frames: dict[str, pd.DataFrame]) -> None:
    codes = set(frames["enterprises.csv"]["uscc"])
    refs = set(frames["persons.csv"]["ref"])
    subjects = codes | refs
    hold = frames["holdings.csv"]
    assert hold["holder"].isin(subjects).all()
    assert hold["target"].isin(codes).all()
    assert (hold["holder"] != hold["target"]).all()
    roles = frames["roles.csv"]
    assert roles["person"].isin(refs).all() and roles["enterprise"].isin(codes).all()
    rec = frames["records.csv"]
    assert rec["subject"].isin(subjects).all()
    named = [r for cell in rec["responsible"] if cell for r in cell.split(";")]
    assert named and set(named) <= refs
    part = frames["participations.csv"]
    assert part["enterprise"].isin(codes).all()
    assert part["project"].isin(set(frames["projects.csv"]["code"])).all()
    guar = frames["guarantees.csv"]
    assert guar["guarantor"].isin(subjects).all() and guar["debtor"].isin(codes).all()
    assert (guar["guarantor"] != guar["debtor"]).all()


def test_keys_are_unique(frames: dict[str, pd.DataFrame]) -> None:
    assert frames["records.csv"]["record_id"].is_unique
    assert frames["projects.csv"]["code"].is_unique
    assert not frames["holdings.csv"].duplicated(["holder", "target", "since"]).any()
    assert not frames["roles.csv"].duplicated(["person", "enterprise", "role", "since"]).any()
    assert not frames["guarantees.csv"].duplicated(["guarantor", "debtor", "since"]).any()
    assert not frames["participations.csv"].duplicated(["enterprise", "project", "role"]).any()


def test_dates_exist_and_periods_are_ordered(frames: dict[str, pd.DataFrame]) -> None:
    columns = {
        "enterprises.csv": ["established"],
        "holdings.csv": ["since", "until"],
        "roles.csv": ["since", "until"],
        "records.csv": ["act_date", "decision_date", "valid_until"],
        "projects.csv": ["started", "ended"],
        "guarantees.csv": ["since", "until"],
    }
    for name, cols in columns.items():
        df = frames[name]
        for c in cols:
            v = df.loc[df[c] != "", c]
            assert v.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), (name, c)
            pd.to_datetime(v, format="%Y-%m-%d")  # raises on 2023-02-30
        if "until" in cols:
            both = df[(df["since"] != "") & (df["until"] != "")]
            assert (both["until"] >= both["since"]).all(), name
    est = frames["enterprises.csv"]["established"]
    assert est.min() >= "1990-01-01" and est.max() < EXPORT_DATE.isoformat()
    proj = frames["projects.csv"]
    both = proj[(proj["started"] != "") & (proj["ended"] != "")]
    assert (both["ended"] >= both["started"]).all()


def test_records_cover_every_kind_with_consistent_lifecycle(frames: dict[str, pd.DataFrame]) -> None:
    rec = frames["records.csv"]
    assert set(rec["kind"]) == {k.value for k in RecordKind}
    assert {"under_objection", "repaired", "expired", "active"} <= set(rec["status"])
    today = EXPORT_DATE.isoformat()
    act, dec, valid = rec["act_date"], rec["decision_date"], rec["valid_until"]
    assert (dec != "").all() and (rec["authority"] != "").all()
    assert ((act == "") | (act <= dec)).all()
    assert ((valid == "") | (dec <= valid)).all()
    assert (dec < today).all()
    expired = rec[rec["status"] == "expired"]
    assert ((expired["valid_until"] != "") & (expired["valid_until"] < today)).all()
    for status in ("active", "under_objection"):
        live = rec[rec["status"] == status]
        assert ((live["valid_until"] == "") | (live["valid_until"] >= today)).all(), status
    assert (rec.loc[rec["status"] == "repaired", "repairable"] != "false").all()
    tax = rec[rec["kind"] == "tax_credit"]
    assert set(tax["level"]) <= set("ABCDM") and (tax["level"] != "").all()
    assert (rec.loc[rec["kind"] != "tax_credit", "level"] == "").all()
    black = rec[rec["kind"] == "blacklist"]
    assert black["monitoring_months"].isin(["12", "24", "36"]).all()
    assert (black["responsible"] != "").mean() > 0.5
    refs = set(frames["persons.csv"]["ref"])
    judged = rec[rec["kind"] == "judgment_debtor"]
    assert judged["subject"].isin(refs).any() and (~judged["subject"].isin(refs)).any()
    assert "false" in set(rec["repairable"])


def _has_cycle(edges: list[tuple[str, str]]) -> list[str] | None:
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        graph[a].append(b)
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return path[path.index(nxt) :]
            if nxt not in state and (found := visit(nxt, path)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in list(graph):
        if start not in state and (found := visit(start, [])):
            return found
    return None


def test_ownership_cycles_cross_holdings_and_guarantee_circles_exist(frames: dict[str, pd.DataFrame]) -> None:
    hold = frames["holdings.csv"]
    between = hold[hold["holder"].map(is_uscc)]
    pairs = set(zip(between["holder"], between["target"], strict=True))
    assert any((b, a) in pairs for a, b in pairs)  # cross-holding
    cycle = _has_cycle(sorted(pairs))
    assert cycle is not None and len(cycle) >= 2
    # a longer cycle too: remove cross-holding pairs and look again
    longer = sorted((a, b) for a, b in pairs if (b, a) not in pairs)
    cyc = _has_cycle(longer)
    assert cyc is not None and 3 <= len(cyc) <= 4
    guar = frames["guarantees.csv"]
    circle = _has_cycle(sorted(zip(guar["guarantor"], guar["debtor"], strict=True)))
    assert circle is not None and len(circle) >= 2


def test_group_depth_reaches_six_levels_and_the_state_holds_a_hub(frames: dict[str, pd.DataFrame]) -> None:
    hold = frames["holdings.csv"]
    between = hold[hold["holder"].map(is_uscc)]
    children: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(between["holder"], between["target"], strict=True):
        children[a].add(b)

    def depth(node: str, seen: frozenset[str]) -> int:  # enterprises on the longest simple chain down
        return 1 + max((depth(c, seen | {c}) for c in children[node] if c not in seen), default=0)

    assert max(depth(n, frozenset([n])) for n in list(children)) >= 6
    ent = frames["enterprises.csv"].set_index("uscc")
    holders = between["holder"].value_counts()
    top = holders.index[0]
    assert ent.loc[top, "org_type"] == "government" and "国有资产监督管理委员会" in ent.loc[top, "name"]


def test_holdings_shares_percentages_derived_ratios_and_totals(frames: dict[str, pd.DataFrame]) -> None:
    hold = frames["holdings.csv"]
    ent = frames["enterprises.csv"].set_index("uscc")
    pct = hold["ratio"].str.endswith("%")
    assert pct.any() and hold.loc[pct, "ratio"].str.fullmatch(r"\d+(\.\d+)?%").all()
    derived = hold["ratio"] == ""
    assert derived.any() and (hold.loc[derived, "subscribed_capital"] != "").all()
    assert (ent.loc[hold.loc[derived, "target"], "registered_capital"] != "").all()
    ratio = np.where(
        pct,
        pd.to_numeric(hold["ratio"].str.rstrip("%"), errors="coerce") / 100,
        pd.to_numeric(hold["ratio"], errors="coerce"),
    )
    cap = pd.to_numeric(ent.loc[hold["target"], "registered_capital"], errors="coerce").to_numpy()
    ratio = np.where(derived, pd.to_numeric(hold["subscribed_capital"]).to_numpy() / cap, ratio)
    assert (ratio > 0).all() and (ratio <= 1 + 1e-9).all()
    h = hold.assign(
        r=ratio, s=hold["since"].replace("", "0000-00-00"), u=hold["until"].replace("", "9999-99-99")
    )
    over = set()
    for target, g in h.groupby("target"):
        for day in set(g["s"]):
            if g.loc[(g["s"] <= day) & (day <= g["u"]), "r"].sum() > 1.005:
                over.add(target)
    targets = hold["target"].nunique()
    assert 1 <= len(over) <= max(1, int(0.0001 * targets))


def test_stakes_and_legal_representatives_change_over_time(frames: dict[str, pd.DataFrame]) -> None:
    hold = frames["holdings.csv"]
    runs = hold.groupby(["holder", "target"]).filter(lambda g: len(g) >= 3)
    assert len(runs) > 0
    for _, g in runs.groupby(["holder", "target"]):
        g = g.sort_values("since")
        for prev, nxt in zip(g.iloc[:-1].itertuples(), g.iloc[1:].itertuples(), strict=True):
            assert prev.until != "" and date(prev.until) + dt.timedelta(days=1) == date(nxt.since)
    roles = frames["roles.csv"]
    ent = frames["enterprises.csv"]
    legal = roles[roles["role"] == "legal_rep"]
    assert set(legal["enterprise"]) == set(ent["uscc"])  # every enterprise has one
    current = legal[legal["until"] == ""]
    assert current["enterprise"].is_unique
    changed = legal.groupby("enterprise").filter(lambda g: len(g) >= 2)
    share = changed["enterprise"].nunique() / len(ent)
    assert 0.1 <= share <= 0.35
    for _, g in changed.groupby("enterprise"):
        g = g.sort_values("since")
        for prev, nxt in zip(g.iloc[:-1].itertuples(), g.iloc[1:].itertuples(), strict=True):
            assert date(prev.until) + dt.timedelta(days=1) == date(nxt.since)
    # professional nominees: legal representative of many companies
    assert current["person"].value_counts().iloc[0] >= 4


def test_projects_have_bidders_and_one_winner(frames: dict[str, pd.DataFrame]) -> None:
    proj = frames["projects.csv"].set_index("code")
    part = frames["participations.csv"]
    done = proj[(proj["kind"] == "bidding") & (proj["status"] == "completed")].index
    assert len(done) > 0
    for code in done:
        rows = part[part["project"] == code]
        assert (rows["role"] == "winner").sum() == 1
        assert (rows["role"] == "bidder").sum() >= 2
        winner = rows.loc[rows["role"] == "winner", "enterprise"].iloc[0]
        assert winner in set(rows.loc[rows["role"] == "bidder", "enterprise"])


def test_shared_addresses_and_phones(frames: dict[str, pd.DataFrame]) -> None:
    ent = frames["enterprises.csv"]
    addr = ent.loc[ent["address"] != "", "address"].value_counts()
    phone = ent.loc[ent["phone"] != "", "phone"].value_counts()
    assert addr.iloc[0] >= 3 and phone.iloc[0] >= 3
    assert ent["name"].nunique() / len(ent) > 0.97


def test_dirty_rows_are_appended_to_every_file(tiny: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    folder, clean = tiny
    counts = generate("tiny", tmp_path, dirty_rows=True)
    for name in FILES:
        assert counts[name] == clean[name] + len(DIRTY_ROWS[name]), name
        dirty = _read(tmp_path, name)
        base = (folder / name).read_bytes()
        assert (tmp_path / name).read_bytes().startswith(base), name  # appended, the rest unchanged
        assert len(dirty) == counts[name]
    ent = _read(tmp_path, "enterprises.csv").tail(len(DIRTY_ROWS["enterprises.csv"]))
    assert not is_uscc(ent["uscc"].iloc[0]) and ent["established"].iloc[1] == "2023-02-30"
    hold = _read(tmp_path, "holdings.csv").tail(len(DIRTY_ROWS["holdings.csv"]))
    refs = set(_read(tmp_path, "persons.csv")["ref"])
    assert hold["holder"].iloc[0] not in refs and not is_uscc(hold["holder"].iloc[0])
    assert "1.5" in set(hold["ratio"]) and "2023-02-30" in set(hold["since"])
    assert ((hold["until"] != "") & (hold["until"] < hold["since"])).any()
    rec = _read(tmp_path, "records.csv").tail(len(DIRTY_ROWS["records.csv"]))
    assert "2023-02-30" in set(rec["decision_date"])


def test_unknown_scale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        generate("galaxy", tmp_path)
