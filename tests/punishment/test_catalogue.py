"""The shipped catalogue loads and cites the seeds; a wrong entry names file, measure, field, reason."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph_credit.errors import InvalidInput
from graph_credit.punishment import load_catalogue
from graph_credit.punishment.catalogue import DEFAULT_CATALOGUE


def test_the_shipped_catalogue_covers_the_seed_measures() -> None:
    cat = load_catalogue()
    codes = {m.code for m in cat.punishment}
    assert {
        "PUBLIC_FUNDS",
        "PUBLIC_RESOURCE_TRADING",
        "FRANCHISE",
        "MARKET_ENTRY_BAN",
        "LICENCE_REVIEW",
        "NEW_PROJECT_APPROVAL",
        "FINANCING_BONDS",
        "FINANCIAL_INSTITUTIONS",
        "HONOURS",
        "HIGH_CONSUMPTION",
        "EXIT_RESTRICTION",
        "LOAN_INSURANCE_PRICING",
        "PROCUREMENT_BAN",
    } <= codes
    for m in cat.punishment:
        assert any(seed in m.basis for seed in ("000 §", "001 §", "002 §", "004 §")), m.code
    assert "GREEN_CHANNEL" in {m.code for m in cat.incentives.measures}
    directors = [m.code for m in cat.punishment if "director" in m.targets]
    assert directors == ["HONOURS"]
    assert len(cat.to_frame()) == len(cat.punishment) + len(cat.incentives.measures)


def _broken(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    edit(raw)
    p = tmp_path / "measures.yaml"
    p.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda r: r["punishment"][4]["targets"].append("ceo"),
            r"measure MARKET_ENTRY_BAN, field targets\.4: Input should be",
        ),
        (lambda r: r["punishment"][0].pop("basis"), r"measure PUBLIC_FUNDS, field basis: Field required"),
        (
            lambda r: r["punishment"][1]["triggers"].append({"kind": "blacklisted"}),
            r"measure PUBLIC_RESOURCE_TRADING, field triggers\.3\.kind",
        ),
        (
            lambda r: r["punishment"][2].update(duration={"rule": "months"}),
            r"measure PROCUREMENT_BAN, field duration: rule 'months' needs months",
        ),
        (
            lambda r: r["punishment"][3].update(code="PUBLIC_FUNDS"),
            r"measure PUBLIC_FUNDS, field code: the code is used twice",
        ),
        (
            lambda r: r["punishment"][10].update(responsible_only=["subject"]),
            r"measure HONOURS, field \(entry\): responsible_only applies",
        ),
        (
            lambda r: r["incentives"]["measures"][0].update(eligible=["gold"]),
            r"incentive GREEN_CHANNEL, field eligible\.0",
        ),
    ],
)
def test_a_wrong_entry_names_file_measure_field_and_reason(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    p = _broken(tmp_path, edit)
    with pytest.raises(InvalidInput, match=message) as err:
        load_catalogue(p)
    assert str(p.resolve()) in str(err.value)


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no measure catalogue"):
        load_catalogue(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("punishment: [\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        load_catalogue(bad)
