"""The grading policy file: what an operator's mistakes look like."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_credit.errors import InvalidInput
from graph_credit.screening.policy import DEFAULT_POLICY, current_policy, load_policy, parse_policy

SHIPPED = DEFAULT_POLICY.read_text(encoding="utf-8")


def _error(text: str) -> str:
    with pytest.raises(InvalidInput) as exc:
        parse_policy(text, "my.yaml")
    return str(exc.value)


def test_a_bad_field_in_a_rule_names_file_rule_field_and_reason() -> None:
    msg = _error(SHIPPED.replace("    weight: 100\n", "    weight: -5\n", 1))
    assert msg.startswith("my.yaml: rule 'own-serious-active', field weight: ")
    assert "greater than or equal to 0" in msg


def test_unknown_record_kind_and_unknown_field_are_refused() -> None:
    msg = _error(SHIPPED.replace("kinds: [admin_penalty]", "kinds: [admin_penalti]", 1))
    assert "rule 'own-penalty-active', field kinds: unknown record kind admin_penalti" in msg
    msg = _error(SHIPPED.replace("    weight: 100\n", "    wieght: 100\n", 1))
    assert "rule 'own-serious-active'" in msg and "wieght" in msg


def test_grade_bands_must_rise_and_rule_ids_be_unique() -> None:
    assert "grades.C.max_score" in _error(SHIPPED.replace("max_score: 50", "max_score: 10"))
    assert "used twice" in _error(SHIPPED.replace("id: own-penalty-history", "id: own-penalty-active"))
    assert "not valid YAML" in _error("rules: [")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"nothing\.yaml: cannot read"):
        load_policy(tmp_path / "nothing.yaml")


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text(SHIPPED, encoding="utf-8")
    first = current_policy(p)
    assert current_policy(p) is first  # cached while unchanged
    import os

    p.write_text(
        SHIPPED.replace("title: 招商企业信用核查与信用分级 (default policy)", "title: edited"),
        encoding="utf-8",
    )
    os.utime(p, (first_mtime := p.stat().st_mtime + 5, first_mtime))
    assert current_policy(p).title == "edited"
