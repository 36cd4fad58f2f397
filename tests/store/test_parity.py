"""Parity: the same small bundle loaded into both engines gives the same answers, field by field.

One synthetic bundle (the `tiny` scale: 300 enterprises, 330 persons, holdings, roles, records,
guarantees, projects) is loaded with `graph-credit load` into a LadybugDB file and into the Neo4j
test database. Then every investigator command, ownership question, screening and restriction
lookup runs with `--json` on a sample of enterprises and persons, on two dates, through the
command line on each engine (LadybugDB with its topology index, Neo4j with its own Cypher), and
the two JSON answers must be equal but for the fields that name the engine or measure time.
"""

from __future__ import annotations

import csv
import json
import os
import random
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from graph_credit.settings import get_settings
from loaders.synthetic import generate
from tests.conftest import _neo4j_store

pytestmark = pytest.mark.neo4j

#: Fields that say which engine answered, how long it took or how many reads it needed.
NOT_COMPARED = frozenset({"engine", "seconds", "elapsed_ms", "took_ms", "queries"})
DATES = ("2024-06-30", "2021-06-30")
SEED = 20230811

ENTERPRISE_COMMANDS = (
    ("controller",),
    ("owners",),
    ("beneficial-owners",),
    ("ownership-up",),
    ("ownership-down",),
    ("neighbours",),
    ("neighbours", "--hops", "2", "--max-neighbours", "5"),
    ("records-near",),
    ("cycles",),
    ("guarantee-chains",),
    ("shared-links",),
    ("screen",),
    ("restrictions",),
    ("restricted-persons",),
    ("incentives",),
    ("monitoring",),
)
PERSON_COMMANDS = (
    ("ownership-down",),
    ("neighbours",),
    ("records-near",),
    ("restrictions",),
    ("incentives",),
    ("monitoring",),
)


def _rows(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _bundle(folder: Path) -> Path:
    generate("tiny", folder, seed=SEED)
    return folder


def _sample(bundle: Path) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Enterprises (the busiest two and some at random), person refs, and pairs for paths."""
    rng = random.Random(SEED)
    ents = [r["uscc"] for r in _rows(bundle, "enterprises.csv")]
    holdings = _rows(bundle, "holdings.csv")
    degree = Counter([h["target"] for h in holdings] + [h["holder"] for h in holdings])
    busiest = [k for k, _ in degree.most_common() if k in set(ents)][:2]
    enterprises = busiest + rng.sample([e for e in ents if e not in busiest], 6)
    records = _rows(bundle, "records.csv")
    refs = [r["ref"] for r in _rows(bundle, "persons.csv") if r["id_number"]]
    restricted = sorted({r["responsible"] for r in records if r.get("responsible")} & set(refs))
    persons = restricted[:2] + rng.sample([p for p in refs if p not in restricted], 2)
    e2e = [h for h in holdings if h["holder"] in set(ents)]
    pairs = [
        (enterprises[2], enterprises[3]),
        (e2e[0]["holder"], e2e[0]["target"]),
        (busiest[0], enterprises[4]),
    ]
    return enterprises, persons, pairs


class Engines:
    """Runs a command line on either engine, in this process, as a shell with its settings would."""

    def __init__(self, root: Path) -> None:
        import typer.main

        from graph_credit.cli import app

        self.runner = CliRunner()
        self.app = app
        # Typer builds the whole command tree on every invoke (a quarter of a second): once here.
        self.command = typer.main.get_command(app)
        self.db = root / "graph.lbug"
        self.uri = os.environ["NEO4J_URI"]

    def run(self, engine: str, *args: str) -> tuple[int, Any]:
        import typer.testing

        env = {
            "GRAPH_CREDIT_ENGINE": engine,
            "GRAPH_CREDIT_DB_PATH": str(self.db),
            "GRAPH_CREDIT_NEO4J_URI": self.uri,
            "GRAPH_CREDIT_NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
            "GRAPH_CREDIT_NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", ""),
            "GRAPH_CREDIT_NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j"),
        }
        get_settings.cache_clear()  # read again inside the invocation, with `env` applied
        try:
            with mock.patch.object(typer.testing, "_get_command", lambda _app: self.command):
                result = self.runner.invoke(self.app, [*args, "--json"], env=env)
        finally:
            get_settings.cache_clear()
        try:
            return result.exit_code, json.loads(result.stdout)
        except ValueError:
            return result.exit_code, result.output


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engines, dict[str, str]]]:
    root = tmp_path_factory.mktemp("parity")
    bundle = _bundle(root / "bundle")
    _neo4j_store().close()  # the test database, emptied
    engines = Engines(root)
    for engine in ("ladybug", "neo4j"):
        copy = root / f"bundle-{engine}"
        copy.mkdir()
        for f in bundle.iterdir():
            copy.joinpath(f.name).write_bytes(f.read_bytes())
        code, report = engines.run(engine, "load", str(copy))
        assert code == 0, report
    yield engines, _person_keys(bundle)


def _person_keys(bundle: Path) -> dict[str, str]:
    """Person refs of the bundle to the keys the loader gives them (from their ID numbers)."""
    from graph_credit.identifiers import person_key

    secret = get_settings().person_key_secret
    return {
        r["ref"]: person_key(r["id_number"], secret) for r in _rows(bundle, "persons.csv") if r["id_number"]
    }


def _cases() -> list[Any]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        enterprises, persons, pairs = _sample(_bundle(Path(tmp) / "b"))
    cases: list[Any] = []

    def add(label: str, make: Callable[[dict[str, str]], tuple[str, ...]]) -> None:
        cases.append(pytest.param(make, id=label))

    for i, u in enumerate(enterprises):
        for cmd in ENTERPRISE_COMMANDS:
            for d in DATES if i < 3 else DATES[:1]:
                add(f"{' '.join(cmd)}-{u}-{d}", lambda _k, c=cmd, u=u, d=d: (c[0], u, *c[1:], "--as-of", d))
    for ref in persons:
        for cmd in PERSON_COMMANDS:
            add(
                f"{cmd[0]}-person-{ref}",
                lambda k, c=cmd, ref=ref: (c[0], k[ref], *c[1:], "--as-of", DATES[0]),
            )
    for a, b in pairs:
        for cmd in ("path", "paths"):
            add(f"{cmd}-{a}-{b}", lambda _k, c=cmd, a=a, b=b: (c, a, b, "--as-of", DATES[0]))
    for d in DATES:
        add(f"tasks-{d}", lambda _k, d=d: ("tasks", "--all", "--as-of", d))
        add(f"tracking-{d}", lambda _k, d=d: ("tracking", "--as-of", d))
    add("stats", lambda _k: ("stats",))
    add("search-name", lambda _k: ("search", "佳木斯"))
    add("search-exact", lambda _k: ("search", enterprises[0], "--exact"))
    return cases


def _without_measures(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_measures(v) for k, v in value.items() if k not in NOT_COMPARED}
    if isinstance(value, list | tuple):
        return [_without_measures(v) for v in value]
    return value


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only on {'LadybugDB' if k in a else 'Neo4j'}" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += _differences(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items on LadybugDB, {len(b)} on Neo4j"]
        return [
            d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: LadybugDB {a!r}, Neo4j {b!r}"]


@pytest.mark.parametrize("make", _cases())
def test_both_engines_answer_alike(world: tuple[Engines, dict[str, str]], make: Any) -> None:
    engines, person_keys = world
    args = make(person_keys)
    lb_code, lb = engines.run("ladybug", *args)
    neo_code, neo = engines.run("neo4j", *args)
    assert lb_code == neo_code, (lb, neo)
    assert lb_code == 0 or isinstance(lb, str), lb
    diffs = _differences(_without_measures(lb), _without_measures(neo))
    assert not diffs, "\n".join(diffs[:20])
