"""Which module may import what, read from the source with `ast` (nothing is imported or run).

Dependencies point inward: `api/` and `loaders/` use `graph_credit`; the domain uses neither the
API nor the CLI; `graph_credit/cli/` wires everything together and nothing imports back from it.
A name another module takes is public: a leading underscore means "this module only".

A new rule is one more `Rule` in FORBIDDEN (who must not import which packages), or one more call
of `private_uses` naming the importers and the modules they must take only public names from.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph_credit", "api", "loaders")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {
    _module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
}


def inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass(frozen=True)
class Use:
    """`importer` takes `name` from `module` (or, with no name, the module itself) at `line`."""

    importer: str
    module: str
    name: str | None
    line: int

    def __str__(self) -> str:
        where = MODULES[self.importer].relative_to(ROOT).as_posix()
        return f"{where}:{self.line} uses {self.module}" + (f".{self.name}" if self.name else "")


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The module a `from ... import` names, with relative imports resolved against the importer."""
    if not node.level:
        return node.module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def read_uses(source: str, importer: str, is_package: bool, modules: Collection[str]) -> list[Use]:
    """Every import in `source`, and every `module.name` it reads through a module it imported
    (`modules` tells a module from a name)."""
    tree = ast.parse(source)
    found: list[Use] = []
    modules_by_local_name: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Use(importer, alias.name, None, node.lineno))
                local = alias.asname or alias.name.partition(".")[0]
                modules_by_local_name[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, importer, is_package)
            for alias in node.names:
                if f"{base}.{alias.name}" in modules:  # `from package import module`
                    found.append(Use(importer, f"{base}.{alias.name}", None, node.lineno))
                    modules_by_local_name[alias.asname or alias.name] = f"{base}.{alias.name}"
                else:
                    found.append(Use(importer, base, alias.name, node.lineno))

    def module_of(expr: ast.expr) -> str | None:
        if isinstance(expr, ast.Name):
            return modules_by_local_name.get(expr.id)
        if isinstance(expr, ast.Attribute) and (parent := module_of(expr.value)) is not None:
            return f"{parent}.{expr.attr}" if f"{parent}.{expr.attr}" in modules else None
        return None

    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or (module := module_of(node.value)) is None:
            continue
        if f"{module}.{node.attr}" not in modules:  # a submodule is reached, not a name read
            found.append(Use(importer, module, node.attr, node.lineno))
    return found


@cache
def uses(importer: str) -> tuple[Use, ...]:
    path = MODULES[importer]
    source = path.read_text(encoding="utf-8")
    return tuple(read_uses(source, importer, path.name == "__init__.py", MODULES))


def private_uses(importers: Callable[[str], bool], sources: Callable[[str], bool]) -> list[str]:
    """Underscore names that modules chosen by `importers` take from other modules chosen by `sources`."""
    return sorted(
        str(use)
        for importer in MODULES
        if importers(importer)
        for use in uses(importer)
        if use.name and _private(use.name) and use.module != importer and use.module in MODULES
        if sources(use.module)
    )


@dataclass(frozen=True)
class Rule:
    """Modules chosen by `importers` must not import any of `packages`, because `why`."""

    name: str
    importers: Callable[[str], bool]
    packages: tuple[str, ...]
    why: str

    def broken_by(self) -> list[str]:
        return sorted(
            str(use)
            for importer in MODULES
            if self.importers(importer)
            for use in uses(importer)
            if any(inside(use.module, p) for p in self.packages)
        )


FORBIDDEN = [
    Rule(
        "graph_credit outside graph_credit.cli",
        lambda m: inside(m, "graph_credit") and not inside(m, "graph_credit.cli"),
        ("graph_credit.cli", "api"),
        "the domain knows neither HTTP nor the command line",
    ),
    Rule(
        "loaders", lambda m: inside(m, "loaders"), ("graph_credit.cli", "api"), "loaders feed the domain only"
    ),
    Rule("api", lambda m: inside(m, "api"), ("graph_credit.cli",), "the CLI is the composition root"),
]


def test_the_modules_are_found() -> None:
    assert {"graph_credit.cli", "graph_credit.cli.app", "api.app", "loaders.load"} <= MODULES.keys()
    imported = {u.module for u in uses("graph_credit.cli")}
    assert {"graph_credit.cli.app", "graph_credit.cli.ownership"} <= imported


@pytest.mark.parametrize("rule", FORBIDDEN, ids=[rule.name for rule in FORBIDDEN])
def test_no_module_imports_a_layer_it_must_not(rule: Rule) -> None:
    found = rule.broken_by()
    assert not found, f"{rule.why}; these import {' or '.join(rule.packages)}:\n  " + "\n  ".join(found)


def test_cli_modules_take_only_public_names_from_each_other() -> None:
    def cli(m: str) -> bool:
        return inside(m, "graph_credit.cli")

    found = private_uses(cli, cli)
    assert not found, (
        "a CLI module takes another's private name; make it public in graph_credit/cli/app.py:\n  "
        + "\n  ".join(found)
    )


def test_no_private_name_crosses_modules() -> None:
    def ours(m: str) -> bool:
        return any(inside(m, p) for p in PACKAGES)

    found = private_uses(ours, ours)
    assert not found, "a module takes another's private name; make it public:\n  " + "\n  ".join(found)


def test_imports_are_read_in_every_form_the_code_uses() -> None:
    # The rules are only as good as this reading; check it on each form of import.
    source = (
        "from .fetch import _Edge, Fetch\n"
        "from graph_credit import investigate as inv\n"
        "import graph_credit.cli.app\n"
        "import api.app as web\n"
        "def f():\n"
        "    from ..cli import app\n"
        "    return inv._SLUG, graph_credit.cli.app._z, web.create_app, app.out\n"
    )
    found = {(u.module, u.name) for u in read_uses(source, "graph_credit.investigate.paths", False, MODULES)}
    assert {
        ("graph_credit.investigate.fetch", "_Edge"),
        ("graph_credit.investigate.fetch", "Fetch"),
        ("graph_credit.investigate", None),
        ("graph_credit.investigate", "_SLUG"),
        ("graph_credit.cli.app", None),
        ("graph_credit.cli.app", "_z"),
        ("api.app", "create_app"),
        ("graph_credit.cli.app", "out"),
    } <= found
    package = {
        (u.module, u.name) for u in read_uses("from . import app\n", "graph_credit.cli", True, MODULES)
    }
    assert package == {("graph_credit.cli.app", None)}
    assert _private("_store") and not _private("__version__") and not _private("store")
