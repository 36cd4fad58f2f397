"""Query names are written out in full where they are used, so that a grep for a `.cypher` file finds
its caller and a misspelt name fails here rather than at the first request that needs it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from graph_credit.queries import CYPHER_ROOT, registry

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("graph_credit", "api", "loaders")
AREAS = sorted(p.name for p in CYPHER_ROOT.iterdir() if p.is_dir())
NAME = re.compile(rf"^(?:{'|'.join(AREAS)})/[a-z0-9_/]+$")
# Families generated from the model (graph_credit/schema.py) are named by one function each,
# which the generator and the callers share.
BUILDERS = re.compile(r"_query_name$")


def _modules() -> list[Path]:
    return [p for d in PRODUCT for p in sorted((ROOT / d).rglob("*.py"))]


def _built_names(tree: ast.AST) -> list[tuple[int, str]]:
    """f-strings that start like a query name, outside a `*_query_name` function."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, builder: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            builder = builder or bool(BUILDERS.search(node.name))
        if isinstance(node, ast.JoinedStr) and not builder:
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                if re.match(rf"^(?:{'|'.join(AREAS)})/", head.value):
                    found.append((node.lineno, head.value))
            elif isinstance(head, ast.FormattedValue) and len(node.values) > 1:
                tail = node.values[-1]
                if isinstance(tail, ast.Constant) and re.fullmatch(r"_[a-z_]+", str(tail.value)):
                    found.append((node.lineno, f"{{…}}{tail.value}"))
        for child in ast.iter_child_nodes(node):
            visit(child, builder)

    visit(tree, False)
    return found


def test_no_query_name_is_built_from_pieces_outside_a_named_builder() -> None:
    offenders = []
    for path in _modules():
        if path == ROOT / "graph_credit" / "schema.py":  # the generator writes the files it names
            continue
        for line, text in _built_names(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not offenders, "query names built with f-strings:\n" + "\n".join(offenders)


def test_every_query_name_written_in_the_code_has_its_file() -> None:
    known = set(registry().names())
    missing = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        pieces = {id(v) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for v in j.values}
        for node in ast.walk(tree):
            if id(node) in pieces:
                continue
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and NAME.match(node.value)
                and node.value not in known
                and not (CYPHER_ROOT / node.value).is_dir()
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert not missing, "query names with no file in cypher/:\n" + "\n".join(missing)


def test_the_check_sees_a_built_name_and_a_misspelt_one() -> None:
    tree = ast.parse('def f(k):\n    return store.read(f"punishment/subject_{k}")\n')
    assert _built_names(tree) == [(2, "punishment/subject_")]
    assert "punishment/subject_enterprize" not in set(registry().names())
