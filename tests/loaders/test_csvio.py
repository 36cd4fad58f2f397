"""The format's value parsers: dates, numbers, shares, yes/no, codes."""

import datetime as dt

import pandas as pd

from loaders.csvio import parse_bools, parse_codes, parse_dates, parse_numbers, parse_shares


def _s(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str", index=range(10, 10 + len(values)))


def test_dates_in_three_spellings_and_impossible_days() -> None:
    values, bad = parse_dates(
        _s("2024-02-29", "2024/3/1", "20240301", "2023-02-30", "1900-02-29", "", "2024-13-01", "x")
    )
    assert [v.date() if not pd.isna(v) else None for v in values] == [
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 1),
        None,
        None,
        None,
        None,
        None,
    ]
    assert bad.tolist() == [False, False, False, True, True, False, True, True]
    assert list(values.index) == list(range(10, 18))


def test_numbers_with_thousands_separators() -> None:
    values, bad = parse_numbers(_s("1,000", "-2.5", "1e3", "", "abc", "12万"))
    assert values.tolist()[:3] == [1000.0, -2.5, 1000.0]
    assert bad.tolist() == [False, False, False, False, True, True]


def test_shares_as_fractions_or_percentages() -> None:
    values, bad, why = parse_shares(_s("0.3303", "33.03%", "100%", "33.03", "150%", "-1%", "", "abc"))
    assert values.tolist()[:3] == [0.3303, 0.3303, 1.0]
    assert bad.tolist() == [False, False, False, True, True, True, False, True]
    assert "without %" in why.iloc[3] and "outside 0-1" in why.iloc[4] and "not a number" in why.iloc[7]


def test_yes_no_and_codes() -> None:
    values, bad = parse_bools(_s("是", "否", "TRUE", "0", "", "maybe"), default=True)
    assert values.tolist()[:5] == [True, False, True, False, True]
    assert bad.tolist() == [False, False, False, False, False, True]
    codes, bad = parse_codes(
        _s("企业", "Enterprise", "", "公司"), {"enterprise": "enterprise", "企业": "enterprise"}, "other"
    )
    assert codes.tolist()[:3] == ["enterprise", "enterprise", "other"]
    assert bad.tolist() == [False, False, False, True]
