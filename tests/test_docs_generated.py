"""docs/cli.md and docs/settings.md are generated from the code (tools/gen_docs.py): the committed
files must be what the generator writes now, so a changed command, option or setting shows up in
its commit as a changed page."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

from tools.gen_docs import CLI_DOC, REGENERATE, ROOT, SETTINGS_DOC, render_cli, render_settings

DOCS = [(CLI_DOC, render_cli), (SETTINGS_DOC, render_settings)]


@pytest.mark.parametrize(("path", "render"), DOCS, ids=["cli", "settings"])
def test_the_committed_page_is_the_generated_one(path: Path, render: Callable[[], str]) -> None:
    name = path.relative_to(ROOT).as_posix()
    assert path.exists(), f"{name} is missing; create it with: {REGENERATE}"
    committed = path.read_text(encoding="utf-8")
    generated = render()
    diff = list(
        difflib.unified_diff(
            committed.splitlines(),
            generated.splitlines(),
            f"{name} (committed)",
            f"{name} (generated)",
            n=1,
            lineterm="",
        )
    )
    assert not diff, (
        f"{name} differs from what the code generates:\n"
        + "\n".join(diff[:40])
        + ("\n..." if len(diff) > 40 else "")
        + f"\nif the change is intended, regenerate it: {REGENERATE}"
    )


@pytest.mark.parametrize(("path", "render"), DOCS, ids=["cli", "settings"])
def test_the_generated_page_names_no_machine_path(path: Path, render: Callable[[], str]) -> None:
    text = render()
    for local in {str(ROOT), str(Path.home())} - {"/"}:
        assert local not in text, f"{path.name} would name a path of this machine: {local}"
