import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph_credit.settings import DEV_SECRET, Settings

SETTINGS_PAGE = (Path(__file__).resolve().parent.parent / "docs" / "settings.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_its_page() -> None:
    documented = set(re.findall(r"`GRAPH_CREDIT_([A-Z0-9_]+)`", SETTINGS_PAGE))
    declared = {name.upper() for name in Settings.model_fields}
    assert declared - documented == set(), "settings missing from docs/settings.md"
    assert documented - declared == set(), "docs/settings.md documents settings that do not exist"


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_CREDIT_ENV", "production")
    monkeypatch.delenv("GRAPH_CREDIT_PERSON_KEY_SECRET", raising=False)
    with pytest.raises(ValidationError, match="PERSON_KEY_SECRET must be set"):
        Settings(_env_file=None)
    monkeypatch.setenv("GRAPH_CREDIT_PERSON_KEY_SECRET", "a-real-secret")
    assert Settings(_env_file=None).person_key_secret == "a-real-secret"


def test_development_uses_the_development_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPH_CREDIT_ENV", raising=False)
    monkeypatch.delenv("GRAPH_CREDIT_PERSON_KEY_SECRET", raising=False)
    assert Settings(_env_file=None).person_key_secret == DEV_SECRET


def test_neo4j_engine_needs_an_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_CREDIT_ENGINE", "neo4j")
    monkeypatch.delenv("GRAPH_CREDIT_NEO4J_URI", raising=False)
    with pytest.raises(ValidationError, match="needs GRAPH_CREDIT_NEO4J_URI"):
        Settings(_env_file=None)
