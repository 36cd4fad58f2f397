"""Date arguments as the domain takes them: a date, an ISO string, or None for today."""

from __future__ import annotations

import datetime as dt

from graph_credit.errors import InvalidInput


def to_date(value: dt.date | str | None, what: str = "as_of") -> dt.date:
    """`value` as a date (a datetime gives its day; None is today); a clear error names `what`."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None
