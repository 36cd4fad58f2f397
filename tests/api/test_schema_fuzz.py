"""Schemathesis against the OpenAPI document, with each role's key: no 5xx, every answer matches its schema, bad input
gets a documented 4xx (negative cases are sent too; `negative_data_rejection` is not used
because the fixed key and purpose headers replace the invalid headers it generates). A bounded run (a few examples per operation, derandomised) keeps it to
seconds; `scripts/fuzz_api.sh` runs the same with many more examples."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis import checks as st_checks
from schemathesis.specs.openapi import checks as oa_checks

from api.app import create_app
from graph_credit.apikeys import load_keys
from graph_credit.audit import QueryLog
from graph_credit.settings import Settings
from graph_credit.store.embedded import EmbeddedStore
from tests.api.conftest import make_keys

EXAMPLES = int(os.environ.get("GRAPH_CREDIT_FUZZ_EXAMPLES", "6"))
CHECKS = [
    st_checks.not_a_server_error,
    oa_checks.status_code_conformance,
    oa_checks.content_type_conformance,
    oa_checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzz_app(
    api_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    root = tmp_path_factory.mktemp("fuzz")
    db = root / "graph.lbug"
    shutil.copy(api_db, db)  # the fuzzer may change records through the operator endpoints
    keys, entries = make_keys()
    s = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=root / "audit.sqlite")
    store = EmbeddedStore(db, buffer_pool_mb=128)
    log = QueryLog(s.audit_db_path)
    app = create_app(s, store, query_log=log, api_keys=load_keys(entries, None, development=False))
    with TestClient(app):  # runs the lifespan
        yield app, keys
    log.close()
    store.close()


# The operator reaches every operation; the others meet refusals, which must be documented too.
@pytest.mark.parametrize("role", ["operator", "investigator", "screening", "public"])
def test_api_conforms_to_its_schema(fuzz_app: tuple[FastAPI, dict[str, str]], role: str) -> None:
    app, keys = fuzz_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"X-API-Key": keys[role], "X-Purpose": "fuzz"}
    failures: list[str] = []
    operations = 0
    calls: list[str] = []
    for result, mode in itertools.product(schema.get_all_operations(), GenerationMode):
        operation = result.ok()
        operations += mode is GenerationMode.POSITIVE

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=CHECKS)
            calls.append(case.operation.label)

        try:
            run()
        except Unsatisfiable:
            continue  # an operation without parameters has no invalid request to make
        except Exception as exc:  # collect every operation's failure, not only the first
            failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert operations >= 20 and len(calls) >= operations
    print(len(calls), "cases over", operations, "operations")
    assert not failures, "\n\n".join(failures)
