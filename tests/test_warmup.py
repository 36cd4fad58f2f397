"""The buffer-pool warm-up a server starts with reads every table of the schema once."""

from __future__ import annotations

from pathlib import Path

from graph_credit.model import DERIVED_EDGE_KINDS, DERIVED_NODE_KINDS, EDGE_KINDS, NODE_KINDS
from graph_credit.queries import registry
from graph_credit.schema import prewarm_names
from graph_credit.store.embedded import EmbeddedStore
from graph_credit.warmup import prewarm
from loaders.load import load_bundle

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_table_has_a_warm_up_read() -> None:
    reg = registry()
    texts = [reg.get(n, "ladybug").text for n in prewarm_names()]
    for kind in (*NODE_KINDS, *DERIVED_NODE_KINDS):
        assert any(f"MATCH (n:{kind})" in t for t in texts), kind
    for kind in (*EDGE_KINDS, *DERIVED_EDGE_KINDS):
        assert sum(f":{kind}]" in t for t in texts) == 1, kind
    assert all(reg.get(n, "ladybug").mode == "read" for n in prewarm_names())


def test_the_warm_up_reads_a_loaded_store_and_counts_what_it_read(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "bundle_basic", tmp_path / "bundle")
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=256)
    try:
        load_bundle(store, tmp_path / "bundle", "test-secret")
        assert prewarm(store) > 0
        rows = store.read("admin/prewarm_enterprise")
        assert rows[0]["uscc"] == store.run_text("MATCH (e:Enterprise) RETURN count(*) AS n")[0]["n"] > 0
        holds = store.read("admin/prewarm_holds")[0]
        assert holds["eid"] == holds["back"] > 0  # each edge read from both of its ends
    finally:
        store.close()
