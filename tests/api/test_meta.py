from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from tests.conftest import SECRET


def test_health_and_stats(tmp_path: Path, bundle: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    load_bundle(store, bundle, SECRET)
    with TestClient(create_app(store=store)) as client:
        assert client.get("/health").json()["status"] == "ok"
        stats = client.get("/stats").json()
        assert stats["engine"] == "ladybug"
        assert stats["nodes"]["Enterprise"] == 3
        assert stats["edges"]["HOLDS"] == 4
    store.close()
