"""The command line: load with --json and --strict, stats."""

import json
from pathlib import Path

from typer.testing import CliRunner

from graph_credit.cli import app

runner = CliRunner()


def test_load_reports_and_strict_fails_on_rejections(tmp_path: Path, bundle: Path) -> None:
    db = tmp_path / "g.lbug"
    result = runner.invoke(app, ["load", str(bundle), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["nodes"]["Enterprise"]["inserted"] == 3
    assert report["rejected"]["holdings.csv"] == 3

    result = runner.invoke(app, ["load", str(bundle), "--db", str(db), "--strict"])
    assert result.exit_code == 1
    assert "row(s) rejected" in result.stdout

    result = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"]["Person"] == 3


def test_strict_passes_on_a_clean_bundle(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "enterprises.csv").write_text("uscc,name\n91350100M000100Y43,甲\n", encoding="utf-8")
    (clean / "persons.csv").write_text("ref,name\n", encoding="utf-8")
    (clean / "holdings.csv").write_text("holder,target,ratio\n", encoding="utf-8")
    (clean / "roles.csv").write_text("person,enterprise,role\n", encoding="utf-8")
    (clean / "records.csv").write_text("record_id,subject,kind,authority,decision_date\n", encoding="utf-8")
    result = runner.invoke(app, ["load", str(clean), "--db", str(tmp_path / "g.lbug"), "--strict"])
    assert result.exit_code == 0, result.output


def test_a_broken_bundle_exits_2_with_the_reason(tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path / "missing"), "--db", str(tmp_path / "g.lbug")])
    assert result.exit_code == 2
    assert "not a folder" in result.output
