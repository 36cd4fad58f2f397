"""The printable credit report in a real browser: laid out, offline, its picture drawn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from graph_credit.screening import ScreeningResult, screen
from graph_credit.screening.report import write_report
from graph_credit.store.embedded import EmbeddedStore
from tests.support.world import World


def _world(tmp_path: Path) -> tuple[EmbeddedStore, World]:
    w = World(tmp_path / "bundle")
    w.ent("佳木斯候选实业有限公司", established="2015-01-01")
    w.ent("佳木斯控股集团有限公司", established="2015-01-01")
    w.ent("桦南县关联商贸有限公司", established="2015-01-01")
    w.ent("富锦市子公司有限公司", established="2015-01-01")
    for p in ("王建国", "李秀英", "张伟"):
        w.person(p)
    w.hold("佳木斯控股集团有限公司", "佳木斯候选实业有限公司", "70%")
    w.hold("王建国", "佳木斯控股集团有限公司", "90%")
    w.hold("张伟", "佳木斯候选实业有限公司", "30%")
    w.role("李秀英", "佳木斯候选实业有限公司", "legal_rep")
    w.role("张伟", "佳木斯候选实业有限公司", "director")
    # She took office after the blacklisting, so joint punishment does not reach her (004 §8 follows
    # the legal representative at the act): the related enterprise's record alone means caution.
    w.role("李秀英", "桦南县关联商贸有限公司", "legal_rep", "2023-06-01")
    w.hold("佳木斯候选实业有限公司", "富锦市子公司有限公司", "60%")
    w.record("HMD-1", "桦南县关联商贸有限公司", "blacklist", category="拖欠工资", valid_until="2026-01-10")
    w.record(
        "CF-1",
        "佳木斯候选实业有限公司",
        "admin_penalty",
        decision_date="2021-03-01",
        valid_until="2022-03-01",
        status="expired",
    )
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    w.load(store)
    return store, w


def test_report_renders_offline_with_grade_findings_and_picture(
    page: Any, local_file: Any, screenshot: Any, tmp_path: Path
) -> None:
    store, w = _world(tmp_path)
    try:
        r = screen(store, w.key("佳木斯候选实业有限公司"), as_of=dt.date(2024, 6, 30))
        assert isinstance(r, ScreeningResult) and r.verdict == "caution"
        when = dt.datetime(2024, 6, 30, 9, 0)
        html = write_report(r, tmp_path / "report.html", evidence=True, store=store, generated=when)
    finally:
        store.close()
    page.goto(local_file(html))
    assert page.inner_text(".grade") == r.grade
    assert "审慎" in page.inner_text(".verdict")
    assert page.locator(".finding").count() == len(r.findings)
    assert page.locator("svg .node").count() >= 5  # candidate, holders, officers, related, outbound
    assert page.locator("svg .node.flagged").count() >= 1
    box = page.locator(".picture svg").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 300
    shot = screenshot("credit-report")
    assert shot.stat().st_size > 10_000
    pdf = page.pdf(path=str(tmp_path / "report.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
    # each finding links to an offline explorer page of its evidence path
    href = page.locator(".finding a.evidence").first.get_attribute("href")
    assert href is not None and href.startswith("report-evidence/")
    page.goto(local_file(tmp_path / href))
    page.wait_for_function("document.querySelector('canvas') !== null")
    screenshot("credit-report-evidence")
