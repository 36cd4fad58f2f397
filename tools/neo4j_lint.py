"""Offline check of Neo4j-dialect Cypher with Neo4j's own parser and semantic analysis.

Runs `tools/cypher-lint/lint.mjs` (npm `@neo4j-cypher/language-support`, pinned in
`tools/cypher-lint/package.json`; install it with `scripts/setup-node.sh`) once for a whole batch
of queries: loading the package costs seconds, each query then ~0.1 s.

What it catches: syntax Neo4j 5 rejects (LadybugDB's `* SHORTEST`, lambdas ...), semantic errors
(undefined variables, wrong clause order), functions and procedures Neo4j does not have
(`list_product`, `label`, `cast`, APOC) as errors; unknown labels, relationship types and
properties, impossible directions and cartesian products as warnings. What it cannot see: the
silent differences between the engines (list indexing, `substring`, walk vs trail, `(n:A:B)`),
and which 5.x release accepts a construct (it checks the CYPHER 5 of a recent Neo4j).

    python tools/neo4j_lint.py     # lint every Neo4j query of the registry, exit 1 on errors
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

REPO_ROOT = Path(__file__).resolve().parent.parent
LINT_DIR = REPO_ROOT / "tools" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
PACKAGE = "@neo4j-cypher/language-support"
MIN_NODE_MAJOR = 20  # the package asks for Node 24; Node 20 works (engine warning at install only)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    line: int  # 1-based, in the query text as given
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.severity}: {self.message}"


class LintUnavailable(RuntimeError):
    """Node.js or the pinned npm package is missing: the check cannot run here."""


class LintFailed(RuntimeError):
    """The linter ran but did not produce a usable answer (crash, timeout, bad output)."""


def pinned_version() -> str:
    manifest = json.loads((LINT_DIR / "package.json").read_text(encoding="utf-8"))
    return manifest["dependencies"][PACKAGE]


def _installed_version() -> str | None:
    manifest = LINT_DIR / "node_modules" / PACKAGE / "package.json"
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def node_available() -> str | None:
    """None when the check can run, else the reason it cannot (for a skip message)."""
    node = shutil.which("node")
    if node is None:
        return "Node.js ('node') is not on PATH; install Node.js 20+ and run scripts/setup-node.sh"
    try:
        out = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return f"'{node} --version' failed: {e}"
    m = re.match(r"v(\d+)\.", out.strip())
    if not m or int(m.group(1)) < MIN_NODE_MAJOR:
        return f"Node.js {out.strip() or '?'} is too old: {MIN_NODE_MAJOR} or newer is needed"
    installed, pinned = _installed_version(), pinned_version()
    if installed is None:
        return f"{PACKAGE} is not installed in {LINT_DIR}: run scripts/setup-node.sh"
    if installed != pinned:
        return f"{PACKAGE} {installed} is installed but {pinned} is pinned: run scripts/setup-node.sh"
    return None


def default_schema() -> dict[str, Any]:
    """Labels, relationship types and (from)-[type]->(to) pairs of the model.

    No `propertyKeys`: the package then also warns about keys of plain maps (`r.src` of
    `UNWIND $rows AS r`), which is noise.
    """
    from graph_credit.model import EDGE_KINDS, NODE_KINDS

    return {
        "labels": list(NODE_KINDS),
        "relationshipTypes": list(EDGE_KINDS),
        "graphSchema": [
            {"from": a, "to": b, "relType": k.name} for k in EDGE_KINDS.values() for a, b in k.pairs
        ],
    }


def lint_queries(
    queries: Sequence[tuple[str, str]],
    *,
    schema: dict[str, Any] | None = None,
    timeout: float | None = None,
) -> dict[str, list[Diagnostic]]:
    """Lint `(name, text)` pairs as Neo4j 5 Cypher in one Node.js process.

    Returns every name mapped to its diagnostics (empty when clean). Undeclared `$parameters`
    are not reported. `schema` defaults to `default_schema()`; `timeout` (seconds) to a
    budget that grows with the batch. Raises LintUnavailable when Node.js or the package is
    missing, LintFailed when the linter does not answer properly.
    """
    names = [name for name, _ in queries]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"duplicate query names: {', '.join(dupes)}")
    if not queries:
        return {}
    reason = node_available()
    if reason is not None:
        raise LintUnavailable(reason)
    payload = {
        "schema": default_schema() if schema is None else schema,
        "queries": [{"name": n, "text": t} for n, t in queries],
    }
    if timeout is None:
        timeout = 60.0 + 2.0 * len(queries)
    try:
        proc = subprocess.run(
            [shutil.which("node") or "node", str(LINT_SCRIPT)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=LINT_DIR,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as e:
        raise LintFailed(f"{LINT_SCRIPT} took longer than {timeout:.0f} s") from e
    if proc.returncode != 0:
        raise LintFailed(f"{LINT_SCRIPT} exited with {proc.returncode}: {proc.stderr.strip()[-2000:]}")
    try:
        results = json.loads(proc.stdout)
        out = {
            r["name"]: [
                Diagnostic(d["severity"], d["message"], int(d["line"]), int(d["column"]))
                for d in r["diagnostics"]
            ]
            for r in results
        }
    except (ValueError, KeyError, TypeError) as e:
        raise LintFailed(f"unexpected output from {LINT_SCRIPT}: {proc.stdout[:500]!r}") from e
    if sorted(out) != sorted(names):
        raise LintFailed(f"{LINT_SCRIPT} answered for {sorted(out)}, asked for {sorted(names)}")
    return out


def file_position(path: Path, text: str, diagnostic: Diagnostic) -> tuple[int, int]:
    """Where a diagnostic on `text` (a query body read from `path`) sits in the file itself."""
    try:
        content = path.read_text(encoding="utf-8")
    except OSError:
        return diagnostic.line, diagnostic.column
    start = content.find(text)
    if start < 0:
        return diagnostic.line, diagnostic.column
    line = content.count("\n", 0, start) + diagnostic.line
    column = diagnostic.column
    if diagnostic.line == 1:
        column += start - (content.rfind("\n", 0, start) + 1)
    return line, column


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def main() -> int:
    sys.path.insert(0, str(REPO_ROOT))
    from graph_credit.queries import registry

    queries = registry().all_for("neo4j")
    result = lint_queries([(q.name, q.text) for q in queries])
    failed = 0
    for q in queries:
        for d in result[q.name]:
            line, column = file_position(q.path, q.text, d)
            where = f"{q.path.relative_to(REPO_ROOT)}:{line}:{column}"
            print(f"{where}: {d.severity}: {d.message} [{q.name}]")
        failed += bool(errors(result[q.name]))
    print(f"{len(queries)} Neo4j queries, {failed} with errors", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
