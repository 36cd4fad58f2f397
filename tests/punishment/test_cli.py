"""The punishment commands: each answers with --json, writes through the store, exits by error kind."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graph_credit.cli import app
from graph_credit.store.embedded import EmbeddedStore
from tests.support.world import World

runner = CliRunner()


def _world(tmp_path: Path) -> tuple[Path, World]:
    db = tmp_path / "g.lbug"
    store = EmbeddedStore(db, buffer_pool_mb=128)
    w = World(tmp_path / "bundle")
    w.ent("A", established="2000-01-01")
    w.ent("B", established="2000-01-01")
    w.person("L")
    w.role("L", "A", "legal_rep", "2010-01-01")
    w.role("L", "B", "director", "2010-01-01")
    w.record(
        "R1", "A", "judgment_debtor", decision_date="2022-01-01", valid_until="2025-12-31", repairable="否"
    )
    w.load(store, derive=True)
    store.close()
    return db, w


def run(db: Path, *args: str) -> dict:
    result = runner.invoke(app, [*args, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_restrictions_lifecycle_tasks_and_tracking_from_the_command_line(tmp_path: Path) -> None:
    db, w = _world(tmp_path)
    r = run(db, "restrictions", w.key("L"), "--as-of", "2022-06-01")
    assert r["restricted"] and {"HIGH_CONSUMPTION", "EXIT_RESTRICTION"} <= {
        i["measure_code"] for i in r["items"]
    }
    assert run(db, "restricted-persons", w.key("A"), "--as-of", "2022-06-01")["persons"][0][
        "person_key"
    ] == w.key("L")
    t = run(db, "record", "objection", "R1", "--by", "A", "--on", "2022-06-01", "--basis", "已履行")
    assert t["to_status"] == "under_objection"
    t = run(
        db, "record", "decide", "R1", "--rejected", "--by", "法院", "--on", "2022-07-01", "--basis", "未履行"
    )
    assert t["to_status"] == "active"
    refused = runner.invoke(
        app, ["record", "repair", "R1", "--by", "x", "--on", "2022-08-01", "--basis", "b", "--db", str(db)]
    )
    assert refused.exit_code == 2 and "cannot be repaired" in refused.output
    assert [e["action"] for e in run(db, "record", "history", "R1")["events"]] == [
        "objection",
        "objection_rejected",
    ]
    tasks = run(db, "tasks", "--department", "区人民法院", "--as-of", "2030-01-01")["tasks"]
    assert tasks and all(x["age_days"] > 0 for x in tasks)
    done = run(
        db, "task-report", tasks[0]["task_id"], "--by", "执行局", "--on", "2030-01-01", "--action", "已限制"
    )
    assert done["answered_by"] == "执行局"
    rows = run(db, "tracking", "--as-of", "2022-07-01", "--totals")["rows"]
    assert any(x["dimension"] == "measure" and x["value"] == "HIGH_CONSUMPTION" for x in rows)
    assert run(db, "incentives", w.key("B"), "--as-of", "2022-07-01")["green_channel"]
    assert run(db, "rebuild-restrictions", "--on", "2022-07-01")["restrictions"] > 0
    assert [t["to_status"] for t in run(db, "record", "expire", "--on", "2026-02-01")] == ["expired"]
    assert not run(db, "restrictions", w.key("L"), "--as-of", "2026-01-01")["restricted"]
    # 004 §20: monitored once off the list; the court set no period: the catalogue's default
    monitored = run(db, "monitoring", w.key("A"), "--as-of", "2026-01-01")
    assert monitored["monitored"] and monitored["items"][0]["default_period"]
    missing = runner.invoke(app, ["restrictions", "nobody", "--db", str(db)])
    assert missing.exit_code == 1 and "not found" in missing.output
    listed = runner.invoke(app, ["measures", "--json"])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)["punishment"]) >= 13
