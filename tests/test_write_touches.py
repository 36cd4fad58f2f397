"""Every write query says what it touches, and the topology index keeps itself across the writes
that touch nothing it holds (record lifecycle, restrictions, tasks), patches a record's status,
and is rebuilt after a write that adds an edge."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph_credit.punishment import decide_objection, file_objection
from graph_credit.queries import ENGINES, registry
from graph_credit.store.embedded import EmbeddedStore
from graph_credit.topology import cache, index_for
from graph_credit.topology.relevance import covers, held, write_effect, written_by
from tests.support.world import World


def _writes() -> list:
    return [q for e in ENGINES for q in registry().all_for(e) if q.mode == "write"]


@pytest.mark.parametrize("q", _writes(), ids=lambda q: f"{q.name}[{q.engine or 'shared'}]")
def test_every_write_query_declares_at_least_what_its_text_writes(q) -> None:  # type: ignore[no-untyped-def]
    assert q.touches, f"{q.path}: a write query needs a `// touches:` header"
    missing = covers(set(q.touches), written_by(q.text))
    assert not missing, f"{q.path}: writes {sorted(missing)} its `// touches:` header does not name"


def test_the_text_reading_sees_creates_sets_deletes_and_ddl() -> None:
    assert written_by("MATCH (c:CreditRecord {record_id: $r}) SET c.status = $s, c.note = 'a, b'") == {
        "CreditRecord.status",
        "CreditRecord.note",
    }
    assert written_by(
        "MATCH (a:Person {pkey: $p}) CREATE (a)-[:HOLDS {eid: $e}]->(b:Enterprise {uscc: $u})"
    ) == {
        "HOLDS",
        "Enterprise",
    }
    assert written_by("MATCH (n) DETACH DELETE n") == {"*"}  # a node of any kind
    assert "HOLDS" in written_by("MATCH (e:Enterprise {uscc: $u}) DETACH DELETE e")  # and its edges
    assert written_by("CREATE NODE TABLE X(k STRING PRIMARY KEY)") == {"*"}
    assert written_by("COPY HOLDS FROM $frame (from='Person', to='Enterprise')") == {"HOLDS"}
    # a header that says less than the text does not make a write harmless to the index
    q = registry().get("punishment/event_add", "ladybug")
    assert write_effect(dataclasses.replace(q, touches=("RecordEvent",))).fields == {
        "CreditRecord": frozenset({"status"})
    }
    assert write_effect(dataclasses.replace(q, touches=None)).structural  # undeclared: anything


def test_what_the_index_holds_is_read_off_its_build_queries() -> None:
    h = held()
    assert {"HOLDS", "GUARANTEES", "SUBJECT_OF"} <= set(h.edges) and "RESTRICTS" not in h.edges
    assert {"ratio", "since", "until"} <= h.edges["HOLDS"] and "subscribed_capital" not in h.edges["HOLDS"]
    assert "status" in h.nodes["CreditRecord"] and "summary" not in h.nodes["CreditRecord"]

    def effect(name: str):  # type: ignore[no-untyped-def]
        return write_effect(registry().get(name, "ladybug"))

    assert effect("punishment/event_add").fields == {"CreditRecord": frozenset({"status"})}
    for neutral in (
        "punishment/restriction_insert_enterprise",
        "punishment/task_answer",
        "punishment/task_report",
    ):
        assert effect(neutral).neutral, neutral
    for structural in (
        "load/holds_person_enterprise_insert",
        "punishment/record_add_person",
        "schema/create",
    ):
        assert effect(structural).structural, structural


@pytest.fixture
def world_store(tmp_path: Path) -> EmbeddedStore:
    w = World(tmp_path / "bundle")
    w.ent("C", established="2015-01-01")
    w.ent("D", established="2015-01-01")
    w.person("P")
    w.hold("P", "C", "60%")
    w.record("PEN-C", "C", "admin_penalty", decision_date="2024-01-10", valid_until="2030-01-01")
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=128)
    w.load(store)
    store.world = w  # type: ignore[attr-defined]
    return store


def _status(store: EmbeddedStore, record_id: str) -> str | None:
    ix = index_for(store)
    assert ix is not None
    gid = ix.gid("CreditRecord", record_id)
    assert gid is not None
    return ix.display(gid)[1]


def test_record_changes_keep_the_index_and_patch_the_status_an_edge_makes_it_stale(
    world_store: EmbeddedStore, tmp_path: Path
) -> None:
    store = world_store
    first = index_for(store)
    assert first is not None and _status(store, "PEN-C") == "active"
    file_objection(store, "PEN-C", by="ops", on="2024-02-01", basis="the subject objects")
    assert index_for(store) is first and _status(store, "PEN-C") == "under_objection"
    decide_objection(store, "PEN-C", upheld=False, by="ops", on="2024-02-10", basis="checked")
    assert index_for(store) is first and _status(store, "PEN-C") == "active"
    # a new holding is an edge the index holds
    w: World = store.world  # type: ignore[attr-defined]
    w.hold("P", "D", "30%")
    w.load(store)
    fresh = index_for(store)
    assert fresh is not None and fresh is not first and fresh.n_edges == first.n_edges + 1
    store.close()


def test_a_record_change_during_a_rebuild_is_replayed_on_what_it_builds(
    world_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = world_store
    original = cache.build_index

    def build_then_write(src, stamp):  # type: ignore[no-untyped-def]
        index = original(src, stamp)  # read before the write: it holds the old status
        file_objection(store, "PEN-C", by="ops", on="2024-02-01", basis="filed meanwhile")
        return index

    monkeypatch.setattr(cache, "build_index", build_then_write)
    built = index_for(store)
    monkeypatch.setattr(cache, "build_index", original)
    assert built is not None and index_for(store) is built  # carried over the write, not rebuilt
    assert _status(store, "PEN-C") == "under_objection"
    store.close()


def test_a_reader_in_the_middle_of_a_write_waits_for_it_instead_of_calling_the_index_stale(
    world_store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from graph_credit.store import embedded

    store = world_store
    first = index_for(store)
    seen: list[object] = []
    readers: list[threading.Thread] = []
    original = embedded.note_write

    def note_after_a_reader_came(*args):  # type: ignore[no-untyped-def]
        # the write has committed (the files changed) but not yet carried the index over
        readers.append(threading.Thread(target=lambda: seen.append(index_for(store))))
        readers[-1].start()
        time.sleep(0.2)
        return original(*args)

    monkeypatch.setattr(embedded, "note_write", note_after_a_reader_came)
    file_objection(store, "PEN-C", by="ops", on="2024-02-01", basis="the subject objects")
    readers[0].join(timeout=30)
    assert seen == [first] and store._topology_holder.builds == 1  # type: ignore[attr-defined]
    store.close()
