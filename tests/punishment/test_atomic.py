"""A lifecycle transition is committed whole: its event and the restrictions it changes, or neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_credit import punishment as pu
from graph_credit.errors import EngineError
from graph_credit.store.embedded import EmbeddedStore
from tests.punishment.test_scenarios import acme


def test_a_transition_whose_restrictions_cannot_be_written_leaves_no_event(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.lbug", use_topology_index=False)
    try:
        w = acme(tmp_path, store)
        before = pu.restrictions(store, w.key("A"), "2022-01-01")
        assert before.restricted
        # A restriction row already holding an id the objection will write, but not linked to
        # the record (so not deleted with its restrictions): the insert breaks the primary key.
        rid = before.items[0].restriction_id
        store.run_text("MATCH (x:Restriction {rid: $rid}) DETACH DELETE x", {"rid": rid})
        store.run_text("CREATE (:Restriction {rid: $rid})", {"rid": rid})
        with pytest.raises(EngineError, match="primary key"):
            pu.file_objection(store, "R1", by="官员", on="2022-01-05", basis="申请人提交异议")
        history = pu.record_history(store, "R1")
        assert history.status == "active"
        assert [e.action for e in history.events] == []
        store.run_text("MATCH (x:Restriction {rid: $rid}) DETACH DELETE x", {"rid": rid})
        done = pu.file_objection(store, "R1", by="官员", on="2022-01-05", basis="申请人提交异议")
        assert done.propagation.restrictions > 0
        assert [e.action for e in pu.record_history(store, "R1").events] == ["objection"]
        assert not pu.restrictions(store, w.key("A"), "2022-01-06").restricted
    finally:
        store.close()
