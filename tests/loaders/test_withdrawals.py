"""A later bundle withdraws rows an earlier one loaded: they never held, on any date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph_credit import punishment as pu
from graph_credit.ownership import beneficial_owners, effective_owners
from graph_credit.store.base import GraphStore
from tests.punishment.test_rebuild import stored
from tests.support.world import World

DAYS = (dt.date(2019, 6, 1), dt.date(2022, 1, 1), dt.date(2024, 6, 30))


def _world(folder: Path) -> World:
    w = World(folder)
    w.ent("T", established="2015-01-01")
    w.ent("A", established="2010-01-01")
    w.person("W", "王错")
    w.person("L", "李法人")
    w.hold("A", "T", "0.6", since="2015-01-01")
    w.hold("W", "T", "0.4", since="2015-01-01")
    w.role("L", "T", "legal_rep", since="2016-01-01")
    w.record("R1", "T", "blacklist", act_date="2022-12-01", decision_date="2023-01-10")
    return w


def _owners(store: GraphStore, t: str, day: dt.date) -> set[str]:
    eff = {o.party.key for o in effective_owners(store, t, as_of=day).owners}
    ben = {o.party.key for o in beneficial_owners(store, t, as_of=day, threshold=0.01).owners}
    return eff | ben


def test_a_withdrawn_shareholder_and_office_never_held(store: GraphStore, tmp_path: Path) -> None:
    w = _world(tmp_path / "bundle").load(store)
    t, wrong, rep = w.uscc["T"], w.key("W"), w.key("L")
    assert all(wrong in _owners(store, t, day) for day in DAYS[1:])
    assert rep in set(stored(store)["target_key"])
    # The registry's shareholder row for 王错 was wrong, and 李法人 never was legal representative.
    w.withdraw("holdings.csv", "W", "T", "2015-01-01", reason="股东登记错误")
    w.withdraw("roles.csv", "L", "T", "legal_rep", "2016-01-01", reason="任职登记错误")
    w.load(store)
    assert w.report.withdrawn == 2
    for day in DAYS:
        assert wrong not in _owners(store, t, day), day
    assert rep not in set(stored(store)["target_key"])  # the office's restrictions go with it
    assert t in set(stored(store)["target_key"])  # the enterprise's own stand
    assert not pu.restrictions(store, rep, DAYS[-1]).items
    history = {(c["action"], c["edge"], c["src"]): c for c in store.read("load/corrections_all")}
    held = history[("withdrawn", "HOLDS", wrong)]
    assert held["reason"] == "股东登记错误" and held["authority"] and str(held["on_date"]) == "2024-07-01"
    assert "ratio=0.4" in held["was"] and held["by"] == "load of bundle bundle"
    assert ("withdrawn", "LEGAL_REP_OF", rep) in history
    # the same bundle again, the withdrawn rows still in it: nothing comes back, nothing changes
    w.load(store)
    assert w.report.withdrawn == 0 and w.report.restrictions is None
    assert any("withdrawn by an earlier load" in x for x in w.report.warnings)
    assert wrong not in _owners(store, t, DAYS[-1])
    assert len(store.read("load/corrections_all")) == 2


def test_a_withdrawal_of_a_row_never_loaded_is_rejected_with_why(store: GraphStore, tmp_path: Path) -> None:
    w = _world(tmp_path / "bundle").load(store)
    w.withdraw("holdings.csv", "W", "T", "2016-01-01")  # no holding starts that day
    w.withdraw("records.csv", "R1")
    w.withdraw("holdings.csv", "W", "T")  # since missing from the key
    w.write()
    from loaders.load import load_bundle
    from tests.conftest import SECRET

    report = load_bundle(store, w.folder, SECRET)
    assert report.rejected["withdrawals.csv"] == 3 and report.withdrawn == 0
    assert report.rejected_dir is not None
    text = (Path(report.rejected_dir) / "withdrawals.csv").read_text(encoding="utf-8")
    assert "no row of holdings.csv with this key is loaded" in text
    assert "file must be one of" in text and "key must be holder|target|since" in text
    assert w.key("W") in _owners(store, w.uscc["T"], DAYS[-1])
