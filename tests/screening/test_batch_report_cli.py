"""Batch checks, the printable report and the commands, on one small world."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_credit.cli import app
from graph_credit.screening import (
    ScreeningResult,
    read_candidates,
    render_report,
    screen,
    screen_batch,
    write_batch,
)
from graph_credit.screening.report import explorer_links
from graph_credit.store.embedded import EmbeddedStore
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[Path, World]:
    w = World(tmp_path / "bundle")
    w.ent("Clean", established="2015-01-01")
    w.ent("Bad", established="2015-01-01")
    w.ent("Bad Too", established="2015-01-01")
    w.person("P")
    w.hold("P", "Bad", "90%")
    w.role("P", "Bad", "legal_rep")
    w.record("BL-1", "Bad", "blacklist", valid_until="2027-01-01")
    db = tmp_path / "g.lbug"
    store = EmbeddedStore(db, buffer_pool_mb=256)
    w.load(store)
    store.close()
    return db, w


def test_batch_keeps_input_order_reports_errors_and_writes_csv_and_json(
    loaded: tuple[Path, World], tmp_path: Path
) -> None:
    db, w = loaded
    src = tmp_path / "in.csv"
    src.write_text(
        f"uscc,note\n{w.key('Bad')},x\n{w.key('Clean')},y\nBa,z\n91230800000000000X,w\n", encoding="utf-8"
    )
    cands = read_candidates(src)
    store = EmbeddedStore(db, read_only=True, buffer_pool_mb=256)
    seen: list[int] = []
    try:
        res = screen_batch(store, cands, as_of=D, workers=2, keep_results=True, progress=seen.append)
    finally:
        store.close()
    assert [r["verdict"] for r in res.rows] == ["reject", "green_channel", "", ""]
    assert "choose one by USCC" in str(res.rows[2]["error"])
    assert "check character" in str(res.rows[3]["error"])
    assert len(seen) == 4 and isinstance(res.results[0], ScreeningResult)
    out = write_batch(res, tmp_path / "out.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["grade"] for r in rows] == ["D", "A", "", ""]
    assert json.loads(write_batch(res, tmp_path / "out.json").read_text())[0]["uscc"] == w.key("Bad")


def test_batch_on_processes_gives_the_rows_of_the_threaded_batch(loaded: tuple[Path, World]) -> None:
    from graph_credit.screening.pool import screen_batch_processes

    db, w = loaded
    cands = [w.key("Bad"), w.key("Clean"), "Ba", w.key("Bad Too")]
    store = EmbeddedStore(db, read_only=True, buffer_pool_mb=128)
    try:
        threaded = screen_batch(store, cands, as_of=D, workers=2)
    finally:
        store.close()
    done: list[int] = []
    pooled = screen_batch_processes(db, cands, processes=2, as_of=D, buffer_pool_mb=128, progress=done.append)
    assert pooled.rows == threaded.rows and sum(done) == 4


def test_one_per_line_file_and_bad_csv(tmp_path: Path) -> None:
    p = tmp_path / "list.txt"
    p.write_text("# candidates\n91230800MA00000001\n\n佳木斯某公司\n", encoding="utf-8")
    assert read_candidates(p) == ["91230800MA00000001", "佳木斯某公司"]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,label\n1,2\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 1: a CSV needs one of the columns"):
        read_candidates(bad)


def test_report_shows_identity_grade_findings_and_an_offline_picture(loaded: tuple[Path, World]) -> None:
    db, w = loaded
    store = EmbeddedStore(db, read_only=True, buffer_pool_mb=256)
    try:
        r = screen(store, w.key("Bad"), as_of=D)
    finally:
        store.close()
    assert isinstance(r, ScreeningResult)
    html = render_report(r)
    assert 'class="evidence"' not in html  # no links unless asked for
    linked = render_report(r, evidence_links=explorer_links(r))
    assert f"/explorer/evidence?path={w.key('Bad')}%2C{w.key('Bad')}" in linked
    assert w.key("Bad") in html and "严重失信" in html and "BL-1" in html and "own-serious-active" in html
    assert "<svg" in html and 'class="node flagged"' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "@media print" in html


def test_cli_screen_json_batch_and_report(loaded: tuple[Path, World], tmp_path: Path) -> None:
    db, w = loaded
    run = CliRunner()
    res = run.invoke(app, ["screen", w.key("Bad"), "--as-of", "2024-06-30", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert body["grade"] == "D" and body["findings"][0]["rule"] == "own-serious-active"
    amb = run.invoke(app, ["screen", "Ba", "--db", str(db), "--json"])
    assert amb.exit_code == 3 and len(json.loads(amb.stdout)["candidates"]) == 2
    missing = run.invoke(app, ["screen", "nobody-like-this", "--db", str(db)])
    assert missing.exit_code == 1 and "not found" in missing.stderr
    lst = tmp_path / "c.txt"
    lst.write_text(f"{w.key('Clean')}\n{w.key('Bad')}\n", encoding="utf-8")
    out = tmp_path / "v.csv"
    b = run.invoke(app, ["screen-batch", str(lst), "-o", str(out), "--as-of", "2024-06-30", "--db", str(db)])
    assert b.exit_code == 0, b.output
    assert [r["verdict"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["green_channel", "reject"]
    html = tmp_path / "r.html"
    rep = run.invoke(app, ["report", w.key("Bad"), "-o", str(html), "--evidence", "--db", str(db), "--json"])
    assert rep.exit_code == 0, rep.output
    assert "公共信用报告" in html.read_text(encoding="utf-8")
    pages = sorted((tmp_path / "r-evidence").iterdir())
    assert len(pages) == len(body["findings"]) and pages[0].name == "01-own-serious-active.html"
    assert 'href="r-evidence/01-own-serious-active.html"' in html.read_text(encoding="utf-8")
