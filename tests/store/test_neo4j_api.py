"""The API's own tests, run again with the API over Neo4j: roles and masking, the endpoints, the
console (a READ access-mode transaction there), the query log, records and screening.

The test functions are imported from tests/api unchanged; the `api` and `api_rw` fixtures below
give them the same fixture bundle loaded into the Neo4j test database instead of a LadybugDB file.
Left out: tests that open LadybugDB files themselves, and test_stats_and_health (it names the
engine).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit.apikeys import load_keys
from graph_credit.audit import QueryLog
from graph_credit.settings import Settings
from graph_credit.store.base import GraphStore
from loaders.load import load_bundle
from tests.api.conftest import SHOP, Api, make_keys
from tests.api.test_audit import (  # noqa: F401
    test_concurrent_requests_lose_no_entries,
    test_failed_lookups_are_recorded_too,
    test_list_filters_pages_and_export,
    test_person_queries_need_a_purpose,
    test_query_is_recorded_with_who_what_and_why,
)
from tests.api.test_console import (  # noqa: F401
    test_attempt_is_refused_and_nothing_changes,
    test_parameters_row_limit_and_roles,
    test_strings_and_comments_may_hold_any_word,
)
from tests.api.test_endpoints import (  # noqa: F401
    test_bad_input_is_a_clear_422,
    test_entity_detail,
    test_investigate,
    test_ownership,
    test_search_pages,
    test_unknown_subject_is_404,
)
from tests.api.test_records_api import (  # noqa: F401
    test_bad_lifecycle_input_is_a_clear_4xx,
    test_objection_suspends_and_decision_restores_traceably,
    test_published_records_for_the_public_only_while_valid,
    test_repair_of_a_repairable_record,
    test_restrictions_reach_the_responsible_person,
    test_tasks_report_and_tracking,
)
from tests.api.test_roles_and_masking import (  # noqa: F401
    test_individual_business_contact_is_masked,
    test_person_masking_per_role,
    test_role_access,
    test_unknown_key_is_refused_not_downgraded,
)
from tests.api.test_screening_api import (  # noqa: F401
    test_ambiguous_name_lists_candidates,
    test_batch_rows_in_order_with_errors,
    test_report_is_html_and_masked,
    test_single_check_graded_and_masked,
)
from tests.conftest import FIXTURES, SECRET, _neo4j_store

pytestmark = pytest.mark.neo4j

# Whether the test database holds the API bundle unchanged: tests through `api` change nothing, so
# the bundle is loaded once for them; a test through `api_rw` leaves it changed.
_state = {"clean": False}


@pytest.fixture(scope="module")
def api_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The API tests' bundle: the basic fixture bundle and one individual business."""
    bundle = tmp_path_factory.mktemp("neo4j-api") / "bundle"
    shutil.copytree(FIXTURES / "bundle_basic", bundle)
    with (bundle / "enterprises.csv").open("a", encoding="utf-8") as f:
        f.write(
            f"{SHOP},张记小吃店,individual_business,active,2019-01-01,,230804,H,佳木斯市向阳区光复路8号,13904541234,\n"
        )
    return bundle


def _loaded(bundle: Path, tmp_path: Path) -> GraphStore:
    store = _neo4j_store()  # emptied
    copy = tmp_path / "bundle"
    shutil.copytree(bundle, copy)
    load_bundle(store, copy, SECRET)
    return store


def _serve(store: GraphStore, tmp_path: Path) -> Iterator[Api]:
    keys, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "audit.sqlite")
    log = QueryLog(settings.audit_db_path)
    app = create_app(settings, store, query_log=log, api_keys=load_keys(entries, None, development=False))
    try:
        with TestClient(app) as client:
            yield Api(client, keys, log, store)  # type: ignore[arg-type]
    finally:
        log.close()
        store.close()


@pytest.fixture(scope="module", autouse=True)
def _fresh_module() -> None:
    """Tests of other modules empty the database between: load again on this module's first use."""
    _state["clean"] = False


@pytest.fixture
def api(api_bundle: Path, tmp_path: Path) -> Iterator[Api]:
    store = _neo4j_store(wipe=False) if _state["clean"] else _loaded(api_bundle, tmp_path)
    _state["clean"] = True
    yield from _serve(store, tmp_path)


@pytest.fixture
def api_rw(api_bundle: Path, tmp_path: Path) -> Iterator[Api]:
    _state["clean"] = False
    yield from _serve(_loaded(api_bundle, tmp_path), tmp_path)
