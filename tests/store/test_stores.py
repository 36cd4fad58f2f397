"""Store behaviour both engines must share, and LadybugDB's write serialisation."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from graph_credit.errors import EngineError, NotFound
from graph_credit.stats import graph_stats
from graph_credit.store.base import GraphStore
from graph_credit.store.embedded import EmbeddedStore


def test_stores_satisfy_the_protocol(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)


def test_named_write_then_read(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("admin/touch_enterprise", uscc="91350100M000100Y43", name="甲")
    assert store.read("load/enterprise_by_uscc", uscc="91350100M000100Y43")[0]["name"] == "甲"
    assert graph_stats(store)["nodes"]["Enterprise"] == 1


def test_unknown_query_name_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound, match="no query named 'nope/none'"):
        store.read("nope/none")


def test_engine_errors_are_wrapped(store: GraphStore) -> None:
    store.ensure_schema()
    store.write("admin/touch_enterprise", uscc="91350100M000100Y43", name="甲")
    with pytest.raises(EngineError):  # duplicate primary key / uniqueness constraint
        store.write("admin/touch_enterprise", uscc="91350100M000100Y43", name="乙")
    # the store stays usable after a failed write
    store.write("admin/touch_enterprise", uscc="91110000600037341L", name="乙")
    assert graph_stats(store)["nodes"]["Enterprise"] == 2


def test_write_many_commits_all_or_nothing(store: GraphStore) -> None:
    store.ensure_schema()
    store.write_many(
        [
            ("admin/touch_enterprise", {"uscc": "91350100M000100Y43", "name": "甲"}),
            ("admin/touch_enterprise", {"uscc": "91110000600037341L", "name": "乙"}),
        ]
    )
    assert graph_stats(store)["nodes"]["Enterprise"] == 2
    with pytest.raises(EngineError):  # the second step breaks uniqueness: the first is undone
        store.write_many(
            [
                ("admin/touch_enterprise", {"uscc": "91310000MA1FL0LX6B", "name": "丙"}),
                ("admin/touch_enterprise", {"uscc": "91350100M000100Y43", "name": "甲"}),
            ]
        )
    assert graph_stats(store)["nodes"]["Enterprise"] == 2
    assert not store.read("load/enterprise_by_uscc", uscc="91310000MA1FL0LX6B")
    store.write("admin/touch_enterprise", uscc="91310000MA1FL0LX6B", name="丙")  # still usable
    assert graph_stats(store)["nodes"]["Enterprise"] == 3


def test_concurrent_writers_are_serialised(tmp_path: Path) -> None:
    """LadybugDB fails a second concurrent write transaction at once; the store must queue it."""
    from graph_credit.identifiers import make_uscc

    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    store.ensure_schema()
    errors: list[Exception] = []
    n_threads, per_thread = 8, 25

    def writer(t: int) -> None:
        try:
            for i in range(per_thread):
                store.write(
                    "admin/touch_enterprise",
                    uscc=make_uscc("9", "1", "230800", f"{t:02d}{i:06d}"),
                    name=f"{t}-{i}",
                )
        except Exception as exc:  # collected: a failure in a thread must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert graph_stats(store)["nodes"]["Enterprise"] == n_threads * per_thread
    store.close()


def test_unserialised_writers_do_fail_on_the_bare_engine(tmp_path: Path) -> None:
    """The control for the test above: without the store's lock, LadybugDB refuses writers."""
    import ladybug

    db = ladybug.Database(str(tmp_path / "bare.lbug"), buffer_pool_size=128 * 1024 * 1024)
    a, b = ladybug.Connection(db), ladybug.Connection(db)
    a.execute("CREATE NODE TABLE T(k STRING PRIMARY KEY)")
    a.execute("BEGIN TRANSACTION")
    a.execute("CREATE (:T {k: 'a'})")
    with pytest.raises(RuntimeError, match="one write transaction"):
        b.execute("CREATE (:T {k: 'b'})")
    a.execute("COMMIT")
    db.close()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "g.lbug"
    rw = EmbeddedStore(path, buffer_pool_mb=128)
    rw.ensure_schema()
    rw.write("admin/touch_enterprise", uscc="91350100M000100Y43", name="甲")
    rw.close()
    ro = EmbeddedStore(path, buffer_pool_mb=128, read_only=True)
    assert graph_stats(ro)["nodes"]["Enterprise"] == 1
    with pytest.raises(EngineError, match="read-only"):
        ro.write("admin/touch_enterprise", uscc="91110000600037341L", name="乙")
    ro.close()


def test_bulk_writes_leave_no_prepared_statement_behind(tmp_path: Path) -> None:
    """ladybug's execute() caches a prepared statement per (text, parameter types) for the life of
    the connection, and each Arrow table counts as a type of its own: a server taking record
    changes grew without end (0.4 MB a write). The cache is the library's own attribute, pinned
    with the library's version in pyproject.toml."""
    import pyarrow as pa

    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=64)
    try:
        store.ensure_schema()
        cache = store._conn()._pybind_implicit_prepared_cache  # type: ignore[attr-defined]
        for i in range(30):
            table = pa.table({"uscc": [f"U{i:03d}"], "name": ["甲"]})
            store.write_many([("admin/touch_enterprise", {"uscc": f"V{i:03d}", "name": "乙"})])
            store._run("LOAD FROM $frame CREATE (:Enterprise {uscc: uscc, name: name})", {"frame": table})
        assert graph_stats(store)["nodes"]["Enterprise"] == 60
        assert len(cache) <= 3  # the named write's one statement, not one per table
    finally:
        store.close()
