"""The bundle loader: validation, rejection with reasons, encodings, derived shares, idempotence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from graph_credit.stats import graph_stats
from graph_credit.store.base import GraphStore
from loaders.bundle import BundleError
from loaders.load import LoadReport, load_bundle
from tests.conftest import SECRET

A = "91350100M000100Y43"  # 佳木斯甲实业
B = "91110000600037341L"  # 佳木斯乙投资, holds 40% of A through subscribed capital
PINNED_HOLDS_EID = "H|91110000600037341L|91350100M000100Y43|2015-01-01"


def _rejects(report: LoadReport, name: str) -> pd.DataFrame:
    assert report.rejected_dir is not None
    return pd.read_csv(Path(report.rejected_dir) / name, dtype=str, keep_default_na=False)


def test_good_rows_load_and_bad_rows_are_kept_aside_with_reasons(store: GraphStore, bundle: Path) -> None:
    report = load_bundle(store, bundle, SECRET)
    assert report.rejected == {
        "enterprises.csv": 1,
        "persons.csv": 1,
        "holdings.csv": 3,
        "roles.csv": 1,
        "records.csv": 2,
    }
    ent = _rejects(report, "enterprises.csv")
    assert ent.loc[0, "uscc"] == "91350100M000100Y44"
    assert (ent.loc[0, "_line"], ent.loc[0, "_column"]) == ("4", "uscc")
    assert "check character '4', expected '3'" in ent.loc[0, "_reason"]

    hold = _rejects(report, "holdings.csv").set_index("_line")
    assert hold.loc["6", "_column"] == "ratio" and "without %" in hold.loc["6", "_reason"]
    assert hold.loc["7", "_reason"].startswith("unknown person P9")
    # A reference to a rejected row says where that row was rejected.
    assert hold.loc["8", "_reason"] == "refers to rejected person P3 (persons.csv line 4)"

    rec = _rejects(report, "records.csv").set_index("_line")
    assert rec.loc["3", "_column"] == "decision_date" and "2023-02-30" in rec.loc["3", "_reason"]
    assert rec.loc["5", "_reason"] == "act_date is after decision_date"
    assert _rejects(report, "roles.csv").loc[0, "_reason"] == "until is before since"

    stats = graph_stats(store)
    assert stats["nodes"] == {"Enterprise": 3, "Person": 3, "Project": 0, "CreditRecord": 2}
    assert stats["edges"]["HOLDS"] == 4
    assert stats["edges"]["LEGAL_REP_OF"] == 2 and stats["edges"]["SERVES_AS"] == 1
    assert stats["edges"]["BRANCH_OF"] == 1
    assert stats["edges"]["SUBJECT_OF"] == 2 and stats["edges"]["RESPONSIBLE_FOR"] == 1


def test_percentages_and_derived_shares(store: GraphStore, bundle: Path) -> None:
    load_bundle(store, bundle, SECRET)
    into_a = store.read("load/holdings_of", uscc=A)
    by_holder = {r["holder"]: r for r in into_a}
    assert by_holder[B]["ratio"] == pytest.approx(0.4)  # 400 of 1000 registered
    assert by_holder[B]["derived"] is True
    assert [r["ratio"] for r in into_a if r["holder"] != B] == [pytest.approx(0.6)]  # "60%"
    # One holder, two periods: 80% then 40%, both kept with their dates.
    into_b = store.read("load/holdings_of", uscc=B)
    assert [(r["ratio"], r["since"], r["until"]) for r in into_b] == [
        (pytest.approx(0.8), dt.date(2012, 3, 1), dt.date(2019, 12, 31)),
        (pytest.approx(0.4), dt.date(2020, 1, 1), None),
    ]


def test_reloading_changes_nothing_and_a_changed_row_updates_in_place(
    store: GraphStore, bundle: Path
) -> None:
    first = load_bundle(store, bundle, SECRET)
    before = graph_stats(store)
    again = load_bundle(store, bundle, SECRET)
    assert graph_stats(store) == before
    assert all(c.inserted == 0 and c.updated == 0 for c in {**again.nodes, **again.edges}.values())
    assert again.nodes["Enterprise"].unchanged == first.nodes["Enterprise"].inserted

    ent = (bundle / "enterprises.csv").read_text(encoding="utf-8")
    (bundle / "enterprises.csv").write_text(ent.replace("0454-8888001", "0454-8888999"), encoding="utf-8")
    hold = (bundle / "holdings.csv").read_text(encoding="utf-8")
    (bundle / "holdings.csv").write_text(
        hold.replace("P1,91350100M000100Y43,60%", "P1,91350100M000100Y43,55%"), encoding="utf-8"
    )
    third = load_bundle(store, bundle, SECRET)
    assert (third.nodes["Enterprise"].updated, third.nodes["Enterprise"].inserted) == (1, 0)
    assert (third.edges["HOLDS"].updated, third.edges["HOLDS"].inserted) == (1, 0)
    assert graph_stats(store) == before
    assert store.read("load/enterprise_by_uscc", uscc=A)[0]["phone"] == "0454-8888999"
    assert 0.55 in [pytest.approx(r["ratio"]) for r in store.read("load/holdings_of", uscc=A)]


def test_gbk_files_are_detected(store: GraphStore, bundle: Path) -> None:
    for name in ("enterprises.csv", "persons.csv", "records.csv"):
        text = (bundle / name).read_text(encoding="utf-8")
        (bundle / name).write_bytes(text.encode("gbk"))
    report = load_bundle(store, bundle, SECRET)
    assert report.encodings["enterprises.csv"] == "gb18030"
    assert report.encodings["holdings.csv"] == "utf-8"
    assert store.read("load/enterprise_by_uscc", uscc=A)[0]["name"] == "佳木斯甲实业有限公司"
    assert report.nodes["Enterprise"].inserted == 3


def test_utf8_with_byte_order_mark(store: GraphStore, bundle: Path) -> None:
    text = (bundle / "enterprises.csv").read_text(encoding="utf-8")
    (bundle / "enterprises.csv").write_bytes(text.encode("utf-8-sig"))
    report = load_bundle(store, bundle, SECRET)
    assert report.encodings["enterprises.csv"] == "utf-8"
    assert report.nodes["Enterprise"].inserted == 3  # the BOM did not spoil the `uscc` header


def test_no_raw_id_number_is_stored(store: GraphStore, bundle: Path) -> None:
    load_bundle(store, bundle, SECRET)
    persons = store.read("load/persons_all")
    assert "11010519491231002X" not in repr(persons)
    zhang = next(p for p in persons if p["name"] == "张三")
    assert zhang["id_masked"] == "1101**********002X"
    zhao = next(p for p in persons if p["name"] == "赵六")
    assert zhao["source_ref"] == "court_feed:P4" and zhao["id_masked"] is None


def test_enterprise_fields_are_parsed(store: GraphStore, bundle: Path) -> None:
    load_bundle(store, bundle, SECRET)
    b = store.read("load/enterprise_by_uscc", uscc=B)[0]
    assert (b["org_type"], b["status"]) == ("enterprise", "active")  # 企业, 存续
    assert b["established"] == dt.date(2012, 3, 1)  # "2012/3/1"
    assert b["region_code"] == "230804"
    a = store.read("load/enterprise_by_uscc", uscc=A)[0]
    assert a["region_code"] == "350100"  # from the code itself


def test_holdings_above_full_are_reported(store: GraphStore, bundle: Path) -> None:
    with (bundle / "holdings.csv").open("a", encoding="utf-8") as f:
        f.write("P2,91350100M000100Y43,10%,,2018-01-01,\n")
    report = load_bundle(store, bundle, SECRET)
    # Until 2018 P1's 60% and B's 40% make exactly 100%; P2's 10% from 2018 makes 110%.
    assert report.over_full == [{"target": A, "date": dt.date(2018, 1, 1), "total": 1.1}]


def test_references_to_already_loaded_enterprises_are_accepted(
    store: GraphStore, bundle: Path, tmp_path: Path
) -> None:
    load_bundle(store, bundle, SECRET)
    later = tmp_path / "later"
    later.mkdir()
    (later / "enterprises.csv").write_text("uscc,name\n", encoding="utf-8")
    (later / "persons.csv").write_text("ref,name\nQ1,钱七\n", encoding="utf-8")
    (later / "holdings.csv").write_text(f"holder,target,subscribed_capital\nQ1,{B},50\n", encoding="utf-8")
    (later / "roles.csv").write_text("person,enterprise,role\n", encoding="utf-8")
    (later / "records.csv").write_text("record_id,subject,kind,authority,decision_date\n", encoding="utf-8")
    report = load_bundle(store, later, SECRET)
    assert report.total_rejected == 0
    derived = [r for r in store.read("load/holdings_of", uscc=B) if r["derived"]]
    assert [r["ratio"] for r in derived] == [pytest.approx(0.1)]  # 50 of B's stored 500


def test_a_missing_required_file_or_column_stops_the_load(store: GraphStore, bundle: Path) -> None:
    (bundle / "roles.csv").unlink()
    with pytest.raises(BundleError, match=r"required file roles\.csv is missing"):
        load_bundle(store, bundle, SECRET)
    (bundle / "roles.csv").write_text("person,enterprise\n", encoding="utf-8")
    with pytest.raises(BundleError, match=r"roles\.csv: required column.*role"):
        load_bundle(store, bundle, SECRET)


def test_multiline_fields_blank_lines_and_ragged_rows_keep_true_line_numbers(
    store: GraphStore, bundle: Path
) -> None:
    (bundle / "enterprises.csv").write_text(
        "uscc,name,address\n"
        '91350100M000100Y43,甲,"佳木斯市前进区\n长安路1号"\n'
        "\n"
        "91110000600037341L,乙,,extra\n"
        "91350100M000100Y44,坏码,\n",
        encoding="utf-8",
    )
    report = load_bundle(store, bundle, SECRET)
    assert report.nodes["Enterprise"].inserted == 1
    ent = _rejects(report, "enterprises.csv").set_index("_line")
    assert ent.loc["5", "_reason"] == "row has 4 fields, the header has 3"
    assert "check character" in ent.loc["6", "_reason"]
    stored = store.read("load/enterprise_by_uscc", uscc=A)[0]
    assert stored["name"] == "甲"


def test_key_lookups_follow_position_not_label() -> None:
    from loaders.columns import KeyMap

    col = pd.Series(["b", "x", "a"], index=[7, 3, 5], dtype="str")
    got = KeyMap(["a", "b"], ["1", "2"]).get(col, "")
    assert got.to_dict() == {7: "2", 3: "", 5: "1"}
    assert KeyMap(["a"]).contains(col).to_dict() == {7: False, 3: False, 5: True}


def test_edge_identities_are_pinned() -> None:
    """Re-loading finds edges by `eid`: if it changed, every edge would be written twice."""
    from loaders.rows import ident

    holder = pd.Series(["91110000600037341L"], dtype="str")
    target = pd.Series([A], dtype="str")
    since = pd.Series(["2015-01-01"], dtype="str")
    assert ident("H", holder, target, since).tolist() == [PINNED_HOLDS_EID]
