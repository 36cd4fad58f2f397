"""The walkthroughs in notebooks/ run top to bottom, so they never go stale."""

import runpy
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.py"))


def test_there_are_walkthroughs() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_walkthrough_runs(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRAPH_CREDIT_WALKTHROUGH_DIR", str(tmp_path))
    runpy.run_path(str(path), run_name="__main__")
    assert "Enterprise" in capsys.readouterr().out
