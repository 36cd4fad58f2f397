"""Where the data the product ships lives: the queries, the policy files and the API contract.

They stay in the repository's top-level folders (`cypher/`, `policy/`, `docs/openapi.json`) and ship
in the wheel as the packages `graph_credit.cypher`, `graph_credit.policy` and `graph_credit.docs`
(pyproject.toml maps each package to its folder), so `importlib.resources` finds them in a regular
install and, through setuptools' editable finder, in the checkout of an editable install.

Everything that reads shipped data asks this module; operators point at their own policy files with
settings (GRAPH_CREDIT_GRADING_POLICY, GRAPH_CREDIT_MEASURE_CATALOGUE), the shipped ones are the
defaults.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _folder(name: str) -> Path:
    """The folder holding the shipped data `name`, beside the graph_credit package that is running."""
    code = Path(str(resources.files("graph_credit"))).resolve()
    try:
        found = resources.files(f"graph_credit.{name}")
    except ModuleNotFoundError:
        found = None
    # A wheel holds the data inside the package, an editable install's finder maps it to the checkout's
    # top-level folder: either way it sits beside or inside the code. When the code comes from another
    # checkout put first on sys.path (PYTHONPATH, a worktree), the finder still maps to the installed
    # checkout, or to nothing; that checkout's own folder is the one that belongs to the code.
    if isinstance(found, Path) and found.resolve().parent in (code, code.parent):
        return found.resolve()
    return code.parent / name


def cypher_root() -> Path:
    """The folder of named queries (`cypher/` in the repository)."""
    return _folder("cypher")


def policy_file(name: str) -> Path:
    """A shipped policy file (`policy/<name>` in the repository): the default an operator can replace."""
    return _folder("policy") / name


def contract_snapshot() -> Path:
    """The committed OpenAPI document (`docs/openapi.json` in the repository)."""
    return _folder("docs") / "openapi.json"
