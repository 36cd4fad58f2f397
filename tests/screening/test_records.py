"""A record's state on a date, from its stored status or from its lifecycle events."""

from __future__ import annotations

import datetime as dt

from graph_credit.screening.records import state_on

d = dt.date
ROW = {"decision_date": d(2022, 1, 1), "valid_until": d(2025, 1, 1), "status": "repaired"}


def test_without_events_the_stored_status_and_the_dates_decide() -> None:
    assert state_on(ROW, d(2021, 6, 1)) == ("future", None)
    assert state_on(ROW, d(2023, 6, 1)) == ("history", d(2022, 1, 1))  # repair date unknown
    assert state_on({**ROW, "status": "expired"}, d(2023, 6, 1)) == ("active", None)
    assert state_on({**ROW, "status": "expired"}, d(2025, 6, 1)) == ("history", d(2025, 1, 1))
    assert state_on({**ROW, "status": "revoked"}, d(2023, 6, 1)) == ("void", None)
    assert state_on({**ROW, "status": "under_objection"}, d(2023, 6, 1)) == ("under_objection", None)


def test_events_date_each_change() -> None:
    events = [
        {"seq": 2, "on_date": d(2023, 3, 1), "from_status": "under_objection", "to_status": "active"},
        {"seq": 1, "on_date": d(2022, 9, 1), "from_status": "active", "to_status": "under_objection"},
        {"seq": 3, "on_date": d(2024, 2, 1), "from_status": "active", "to_status": "repaired"},
    ]
    assert state_on(ROW, d(2022, 6, 1), events) == ("active", None)
    assert state_on(ROW, d(2022, 12, 1), events) == ("under_objection", None)
    assert state_on(ROW, d(2023, 6, 1), events) == ("active", None)
    assert state_on(ROW, d(2024, 6, 1), events) == ("history", d(2024, 2, 1))
    revoked = [{"seq": 1, "on_date": d(2023, 1, 1), "from_status": "active", "to_status": "revoked"}]
    assert state_on({**ROW, "status": "revoked"}, d(2022, 6, 1), revoked) == ("active", None)
    assert state_on({**ROW, "status": "revoked"}, d(2023, 6, 1), revoked) == ("void", None)
