from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit.settings import Settings
from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from tests.conftest import SECRET


def test_health_and_stats_with_the_development_keys(tmp_path: Path, bundle: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    load_bundle(store, bundle, SECRET)
    settings = Settings(_env_file=None, env="development", audit_db_path=tmp_path / "audit.sqlite")
    with TestClient(create_app(settings, store=store)) as client:
        assert client.get("/health").json()["status"] == "ok"
        assert client.get("/stats").status_code == 401
        stats = client.get("/stats", headers={"X-API-Key": "dev-investigator-key"}).json()
        assert stats["engine"] == "ladybug"
        assert stats["nodes"]["Enterprise"] == 3
        assert stats["edges"]["HOLDS"] == 4
        docs = client.get("/openapi.json").json()
        assert "/console" in docs["paths"] and client.get("/docs").status_code == 200
    store.close()
