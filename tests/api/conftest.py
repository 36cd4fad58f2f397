"""An API over the basic fixture bundle (plus one individual business), one key per role."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit.apikeys import ApiRole, load_keys, new_key
from graph_credit.audit import QueryLog
from graph_credit.identifiers import person_key, uscc_check_char
from graph_credit.settings import Settings
from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from tests.conftest import FIXTURES, SECRET

ACME = "91350100M000100Y43"  # 甲: held 60% by 张三 (P1), a blacklist record R1
HOLDCO = "91110000600037341L"  # 乙: holds 甲
SHOP = "92230804MA0000001" + uscc_check_char("92230804MA0000001")  # an individual business
ZHANG = person_key("11010519491231002X", SECRET)  # 张三


@dataclass
class Api:
    client: TestClient
    keys: dict[str, str]
    log: QueryLog
    store: EmbeddedStore

    def get(self, path: str, role: str | None = None, **kw):  # type: ignore[no-untyped-def]
        return self.client.get(path, headers=self._h(role, kw.pop("headers", {})), **kw)

    def post(self, path: str, role: str | None = None, **kw):  # type: ignore[no-untyped-def]
        return self.client.post(path, headers=self._h(role, kw.pop("headers", {})), **kw)

    def _h(self, role: str | None, extra: dict[str, str]) -> dict[str, str]:
        h = {"X-Purpose": "test"} | extra
        if role is not None:
            h["Authorization"] = f"Bearer {self.keys[role]}"
        return h


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api")
    bundle = root / "bundle"
    shutil.copytree(FIXTURES / "bundle_basic", bundle)
    with (bundle / "enterprises.csv").open("a", encoding="utf-8") as f:
        f.write(
            f"{SHOP},张记小吃店,individual_business,active,2019-01-01,,230804,H,佳木斯市向阳区光复路8号,13904541234,\n"
        )
    db = root / "graph.lbug"
    store = EmbeddedStore(db, buffer_pool_mb=128)
    load_bundle(store, bundle, SECRET)
    store.close()
    return db


def make_keys() -> tuple[dict[str, str], str]:
    plain, lines = {}, []
    for role in ApiRole:
        key, line = new_key(role, f"test-{role.value}")
        plain[role.value] = key
        lines.append(line)
    return plain, ",".join(lines)


def _api(db: Path, tmp_path: Path) -> Iterator[Api]:
    keys, entries = make_keys()
    settings = Settings(_env_file=None, env="test", api_keys=entries, audit_db_path=tmp_path / "audit.sqlite")
    store = EmbeddedStore(db, buffer_pool_mb=128)
    log = QueryLog(settings.audit_db_path)
    app = create_app(settings, store, query_log=log, api_keys=load_keys(entries, None, development=False))
    with TestClient(app) as client:
        yield Api(client, keys, log, store)
    log.close()
    store.close()


@pytest.fixture
def api(api_db: Path, tmp_path: Path) -> Iterator[Api]:
    """Over the shared fixture database: for tests that change nothing."""
    yield from _api(api_db, tmp_path)


@pytest.fixture
def api_rw(api_db: Path, tmp_path: Path) -> Iterator[Api]:
    """Over a copy of the fixture database, for tests that change records."""
    db = tmp_path / "graph.lbug"
    shutil.copy(api_db, db)
    yield from _api(db, tmp_path)
