"""The wheel works away from the checkout: built, installed into a fresh environment, run from elsewhere.

The fresh environment borrows this one's dependencies through a `.pth` line naming its site-packages:
a path from a `.pth` file joins sys.path, but the `.pth` files inside it (this checkout's editable
finder among them) are not read, so graph_credit can only come from the installed wheel.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from importlib.util import find_spec
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# What the Dockerfile copies into its build stage: the wheel is built from these alone.
SOURCES = ("pyproject.toml", "README.md", "graph_credit", "api", "loaders", "cypher", "policy", "docs")
# Top-level folders shipped inside graph_credit (pyproject.toml maps them; graph_credit.resources finds them).
SHIPPED_AS = {"cypher": "graph_credit/cypher", "policy": "graph_credit/policy", "docs": "graph_credit/docs"}
SHIPPED_DATA = {"cypher": "**/*.cypher", "policy": "*.yaml", "docs": "openapi.json"}
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info")


def _run(cmd: list[str | Path], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    # Nothing of this checkout may reach the child: no PYTHONPATH, no settings from the environment.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env = {k: v for k, v in env.items() if not k.startswith("GRAPH_CREDIT_")}
    env["COLUMNS"] = "200"  # rich wraps at 80 columns without a terminal
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _backend_here() -> bool:
    """Whether this environment's setuptools builds a wheel by itself (from 70.1 on; before, it needs
    the `wheel` package). Without it pip builds in isolation, fetching setuptools from the index."""
    return find_spec("setuptools.command.bdist_wheel") is not None or find_spec("wheel") is not None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    # A copy keeps the build's build/ and egg-info out of the checkout and stale files out of the wheel.
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=_JUNK)
        else:
            shutil.copy2(REPO / name, src / name)
    cmd: list[str | Path] = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp, src]
    if _backend_here():
        cmd.insert(4, "--no-build-isolation")
    _run(cmd, cwd=tmp, timeout=300)
    (built,) = tmp.glob("graph_credit-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", root], cwd=root)
    python = root / "bin" / "python"
    # Installed before the .pth exists, so pip sees an empty environment and touches nothing else.
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel], cwd=root
    )
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root)
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site.stdout.strip()) / "borrowed-dependencies.pth").write_text("\n".join(ours) + "\n")
    return root


def test_the_wheel_holds_every_file_of_the_source_packages(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set()
    for top in ("graph_credit", "api", "loaders"):
        for p in (REPO / top).rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc":
                expected.add(p.relative_to(REPO).as_posix())
    for folder, pattern in SHIPPED_DATA.items():
        for p in [*(REPO / folder).glob(pattern), REPO / folder / "__init__.py"]:
            expected.add(f"{SHIPPED_AS[folder]}/{p.relative_to(REPO / folder).as_posix()}")
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel (list the package in pyproject.toml, or its data): {missing}"
    assert any(n.startswith("graph_credit/cypher/load/") for n in names)


def test_the_installed_code_and_its_data_come_from_the_new_environment(venv: Path, tmp_path: Path) -> None:
    probe = (
        "import graph_credit, json; from graph_credit import resources as r; "
        "print(json.dumps([graph_credit.__file__, str(r.cypher_root()), "
        "str(r.policy_file('grading.yaml')), str(r.policy_file('measures.yaml')), str(r.contract_snapshot())]))"
    )
    paths = json.loads(_run([venv / "bin" / "python", "-c", probe], cwd=tmp_path).stdout)
    site = venv.resolve()
    for p in paths:
        assert Path(p).resolve().is_relative_to(site), f"{p} is not in the new environment {site}"
        assert Path(p).exists(), p
    assert Path(paths[1]).name == "cypher" and any(Path(paths[1]).rglob("*.cypher"))


def test_the_demo_runs_from_another_folder(venv: Path, tmp_path: Path) -> None:
    cli = venv / "bin" / "graph-credit"
    out = _run([cli, "demo", "--scale", "tiny", "--no-serve"], cwd=tmp_path).stdout
    bundle = tmp_path / "var" / "demo" / "bundle-tiny"
    assert (bundle / "enterprises.csv").exists(), out  # generated
    assert "Enterprise" in out and "done in" in out, out  # loaded
    # the shipped measure catalogue was found: a missing one only warns "restrictions not derived"
    assert "restrictions (" in out and "not derived" not in out, out

    uscc = (bundle / "enterprises.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    db = tmp_path / "var" / "demo" / "graph-tiny.lbug"
    result = json.loads(_run([cli, "screen", uscc, "--db", db, "--json"], cwd=tmp_path).stdout)
    assert result["grade"] in ("A", "B", "C", "D") and result["verdict"], result
    # screened with the shipped grading policy, the very file of this checkout
    digest = hashlib.sha256(
        (REPO / "policy" / "grading.yaml").read_text(encoding="utf-8").encode()
    ).hexdigest()[:12]
    assert result["policy"] == f"grading.yaml ({digest})"
