"""`graph-credit api-key new` prints a key once and its hashed entry; `serve` refuses dev keys."""

import json

import pytest
from typer.testing import CliRunner

from graph_credit.apikeys import hash_key, parse_entries
from graph_credit.cli import app
from graph_credit.settings import get_settings

runner = CliRunner()


def test_new_key_prints_the_key_and_the_entry_to_store() -> None:
    result = runner.invoke(app, ["api-key", "new", "--role", "investigator", "--name", "team-a", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    [entry] = parse_entries(out["entry"], "output")
    assert (entry.role.value, entry.name, entry.digest) == ("investigator", "team-a", hash_key(out["key"]))
    assert out["key"] not in out["entry"]
    assert runner.invoke(app, ["api-key", "new", "--role", "root", "--name", "x"]).exit_code == 2


def test_serve_refuses_a_development_key_outside_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_CREDIT_ENV", "production")
    monkeypatch.setenv("GRAPH_CREDIT_PERSON_KEY_SECRET", "a-real-secret")
    monkeypatch.setenv("GRAPH_CREDIT_API_KEYS", f"sha256:{hash_key('dev-operator-key')}=operator:dev")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["serve"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "development key" in result.output
