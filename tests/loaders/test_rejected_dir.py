"""Where rejected rows go: the loader never deletes, overwrites or writes into what it does not own.

Issue 17, row 4: `graph-credit load DIR --rejected-dir DIR` deleted the bundle's CSV files, and
with `DIR/rejected` a symlink, the files of the folder it pointed to were deleted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_credit.cli import app
from graph_credit.stats import graph_stats
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore
from loaders.bundle import BundleError
from loaders.load import load_bundle
from tests.conftest import SECRET


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_bundle_folder_itself_is_refused_from_the_command_line(tmp_path: Path, bundle: Path) -> None:
    before = _files(bundle)
    db = tmp_path / "g.lbug"
    result = CliRunner().invoke(app, ["load", str(bundle), "--db", str(db), "--rejected-dir", str(bundle)])
    assert result.exit_code == 2, result.output
    assert "is or holds the bundle folder" in result.output
    assert _files(bundle) == before
    store = EmbeddedStore(db, buffer_pool_mb=64)
    try:
        assert sum(graph_stats(store)["nodes"].values()) == 0  # refused before anything loads
    finally:
        store.close()


def test_a_folder_holding_the_bundle_is_refused(tmp_path: Path, bundle: Path, store: GraphStore) -> None:
    before = _files(tmp_path / "bundle")
    with pytest.raises(BundleError, match="is or holds the bundle folder"):
        load_bundle(store, bundle, SECRET, rejected_dir=tmp_path)
    with pytest.raises(BundleError, match="is or holds the bundle folder"):
        load_bundle(store, bundle, SECRET, rejected_dir=bundle / "." / "..")
    assert _files(tmp_path / "bundle") == before


def test_a_symlinked_rejected_folder_is_refused_and_its_files_stay(
    tmp_path: Path, bundle: Path, store: GraphStore
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "persons.csv").write_text("precious\n", encoding="utf-8")
    (elsewhere / "notes.csv").write_text("also precious\n", encoding="utf-8")
    (bundle / "rejected").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BundleError, match="is a symlink"):
        load_bundle(store, bundle, SECRET)
    assert _files(elsewhere) == {"notes.csv": b"also precious\n", "persons.csv": b"precious\n"}


def test_a_folder_holding_the_bundles_files_under_other_names_is_refused(
    tmp_path: Path,
    bundle: Path,
    store: GraphStore,
) -> None:
    target = tmp_path / "out"
    target.mkdir()
    os.link(bundle / "roles.csv", target / "old.csv")  # the same file, another name
    with pytest.raises(BundleError, match=r"holds the bundle's files \(old.csv\)"):
        load_bundle(store, bundle, SECRET, rejected_dir=target)
    assert (bundle / "roles.csv").exists() and (target / "old.csv").exists()


def test_each_run_writes_a_new_folder_and_deletes_nothing(
    tmp_path: Path, bundle: Path, store: GraphStore
) -> None:
    target = tmp_path / "rejects"
    target.mkdir()
    (target / "persons.csv").write_text("an older run's rejects, or the operator's file\n", encoding="utf-8")
    first = load_bundle(store, bundle, SECRET, rejected_dir=target)
    second = load_bundle(store, bundle, SECRET, rejected_dir=target)
    assert first.rejected_dir and second.rejected_dir and first.rejected_dir != second.rejected_dir
    for run in (first.rejected_dir, second.rejected_dir):
        assert Path(run).parent == target
        assert sorted(p.name for p in Path(run).iterdir()) == sorted(first.rejected)
    assert (target / "persons.csv").read_text(encoding="utf-8").startswith("an older run's")
    # the default: DIR/rejected/<run>
    third = load_bundle(store, bundle, SECRET)
    assert third.rejected_dir and Path(third.rejected_dir).parent == bundle / "rejected"
