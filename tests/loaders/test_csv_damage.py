"""Damaged files: every bad row is rejected with its line (and column), nothing is folded away,
nothing raises. Issue 17, rows 5 and 6."""

from __future__ import annotations

from pathlib import Path

from graph_credit.store.base import GraphStore
from loaders.csvio import MAX_FIELD, read_csv
from loaders.load import load_bundle
from tests.conftest import SECRET


def _write(path: Path, *parts: bytes) -> Path:
    path.write_bytes(b"".join(parts))
    return path


def test_an_unterminated_quote_is_reported_where_it_opened_and_the_rows_after_it_load(tmp_path: Path) -> None:
    raw = read_csv(
        _write(
            tmp_path / "roles.csv",
            b"person,enterprise,role\n",
            b'P1,"A,legal_rep\n',  # the quote never closes
            *(f"P{i},E{i},director\n".encode() for i in range(2, 12)),
        )
    )
    assert raw.frame["person"].tolist() == [f"P{i}" for i in range(2, 12)]
    assert raw.frame["_line"].tolist() == list(range(3, 13))
    [bad] = raw.malformed.to_dict("records")
    assert (bad["person"], bad["_line"]) == ("P1", 2)
    assert "a quote opened on line 2 is not closed" in bad["_reason"]


def test_a_stray_quote_closed_rows_later_folds_nothing(tmp_path: Path) -> None:
    raw = read_csv(
        _write(
            tmp_path / "roles.csv",
            b"person,enterprise,role\n",
            b'P1,"A,x\n',
            b"P2,B,y\n",
            b'P3,C",z\n',
            b"P4,D,w\n",
        )
    )
    # the line with the closing quote is a row again, its stray quote kept as data for the checks
    assert raw.frame["person"].tolist() == ["P2", "P3", "P4"]
    assert raw.frame["enterprise"].tolist() == ["B", 'C"', "D"]
    assert raw.malformed["_line"].tolist() == [2]


def test_a_quoted_line_break_is_still_one_field(tmp_path: Path) -> None:
    raw = read_csv(_write(tmp_path / "p.csv", b'ref,name\nP1,"two\nlines"\nP2,ok\n'))
    assert raw.frame["name"].tolist() == ["two\nlines", "ok"] and raw.frame["_line"].tolist() == [2, 4]
    assert raw.malformed.empty


def test_a_gbk_row_in_a_utf8_file_is_rejected_with_its_line(tmp_path: Path) -> None:
    raw = read_csv(
        _write(
            tmp_path / "persons.csv",
            "ref,name\nP1,张三\nP2,".encode(),
            "李四".encode("gbk"),
            "\nP3,王五\nP4,赵六\n".encode(),
        )
    )
    assert raw.encoding == "utf-8"
    assert raw.frame["name"].tolist() == ["张三", "王五", "赵六"]  # not mojibake
    [bad] = raw.malformed.to_dict("records")
    assert (bad["ref"], bad["_line"]) == ("P2", 3) and "line 3 is not valid utf-8" in bad["_reason"]


def test_a_gbk_file_is_still_read_as_gbk(tmp_path: Path) -> None:
    raw = read_csv(_write(tmp_path / "persons.csv", "ref,name\nP1,张三\nP2,李四\n".encode("gbk")))
    assert raw.encoding == "gb18030" and raw.frame["name"].tolist() == ["张三", "李四"]
    assert raw.malformed.empty


def test_an_over_long_field_rejects_its_row_with_line_and_column(tmp_path: Path) -> None:
    huge = b"x" * 10_000_000
    for ragged in (b"P2,a,b\n", b""):  # with a ragged row the exact reader runs, without it the fast one
        raw = read_csv(_write(tmp_path / "persons.csv", b"ref,name\nP1,", huge, b"\n", ragged, b"P3,ok\n"))
        assert raw.frame["ref"].tolist() == ["P3"]
        long = raw.malformed[raw.malformed["ref"] == "P1"].iloc[0]
        assert (long["_line"], long["_column"]) == (2, "name")
        assert f"at most {MAX_FIELD:,}" in long["_reason"]
    ok = "x" * MAX_FIELD
    raw = read_csv(_write(tmp_path / "persons.csv", f"ref,name\nP1,{ok}\n".encode()))
    assert raw.frame["name"].tolist() == [ok] and raw.malformed.empty


def test_the_loader_counts_a_folded_row_once_and_loads_the_rest(store: GraphStore, bundle: Path) -> None:
    roles = bundle / "roles.csv"
    lines = roles.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, 'P3,"91350100M000100Y43,director,2010-01-01,\n')
    roles.write_text("".join(lines), encoding="utf-8")
    report = load_bundle(store, bundle, SECRET)
    assert report.rows["roles.csv"] == 5
    assert report.rejected["roles.csv"] == 2  # the open quote, and the fixture's own bad row
    assert report.edges["LEGAL_REP_OF"].inserted == 2 and report.edges["SERVES_AS"].inserted == 1
