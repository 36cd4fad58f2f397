"""A check reads a holder's stakes from the topology index once it is in memory: the answer must be
the one the engine queries give, listing caps, dates and unknown shares included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph_credit.screening import screen
from graph_credit.store.embedded import EmbeddedStore
from graph_credit.topology import index_for, ready_index
from tests.screening.test_stakes_listing import _policy
from tests.support.world import World

D = dt.date(2024, 6, 30)


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[EmbeddedStore, World]:
    """C, 60% held by K; K's other stakes: in force with dates, ended before D, starting after D,
    of a tiny share, two at once in one target, and the subjects of records of several kinds."""
    w = World(tmp_path / "bundle")
    for e in ("C", "K", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"):
        w.ent(e, established="2015-01-01")
    w.person("L")
    w.role("L", "C", "legal_rep")
    w.hold("K", "C", "60%")
    w.hold("K", "T1", "50%", "2020-01-01")
    w.hold("K", "T2", "40%", "2020-01-01", "2030-12-31")
    w.hold("K", "T3", "45%", "2010-01-01", "2023-12-31")  # ended before D
    w.hold("K", "T4", "35%", "2025-01-01")  # not yet
    w.hold("K", "T5", "1%")  # below any share a rule looks at
    w.hold("K", "T6", "30%", "2019-01-01", "2021-12-31")
    w.hold("K", "T6", "30%", "2022-01-01")  # the same share again, a stake of its own
    w.hold("K", "T7", "20%")
    w.hold("K", "T8", "10%", "2019-01-01", "2029-12-31")
    w.hold("C", "T8", "25%")
    w.record("BL-T8", "T8", "blacklist", valid_until="2027-01-01")
    w.record("PEN-T7", "T7", "admin_penalty", valid_until="2027-01-01")
    w.record("JD-T5", "T5", "judgment_debtor")
    store = EmbeddedStore(tmp_path / "g.lbug", buffer_pool_mb=256)
    w.load(store)
    return store, w


def _answer(store: EmbeddedStore, w: World, listed: int) -> tuple[dict[str, Any], list[str]]:
    seen: list[str] = []
    read = store.read

    def counting(name: str, /, **params: Any) -> list[dict[str, Any]]:
        seen.append(name)
        return read(name, **params)

    store.read = counting  # type: ignore[method-assign]
    try:
        r = screen(store, w.key("C"), as_of=D, policy=_policy(listed))
    finally:
        del store.read
    out = r.model_dump(mode="json", exclude={"queries", "timings", "elapsed_ms", "checked_at"})
    return out, [n for n in seen if n.startswith("screening/stakes_")]


@pytest.mark.parametrize("listed", [1, 3, 25])
def test_stakes_from_the_index_give_the_answer_the_engine_gives(
    loaded: tuple[EmbeddedStore, World], listed: int
) -> None:
    store, w = loaded
    try:
        assert ready_index(store) is None  # nothing loaded yet: a check does not build one
        by_engine, engine_reads = _answer(store, w, listed)
        assert engine_reads  # the engine way was taken
        index_for(store, wait=True)
        assert ready_index(store) is not None
        by_index, index_reads = _answer(store, w, listed)
        assert index_reads == []
        assert by_index == by_engine
        ties = {t["enterprise"]["key"] for t in by_index["ties"]}
        assert w.key("T3") not in ties and w.key("T4") not in ties
        if listed == 25:
            assert ties == {w.key(t) for t in ("T1", "T2", "T6", "T7", "T8")}  # T5 below the share
        else:
            assert w.key("T8") in ties  # its blacklist record: listed however small the stake
    finally:
        store.close()
