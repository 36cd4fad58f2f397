"""Dates as days since 1970-01-01, and the export date they are judged against."""

from __future__ import annotations

import datetime as dt

# The day the register was exported: record statuses and validity are judged against it.
EXPORT_DATE = dt.date(2026, 11, 1)
_EPOCH = dt.date(1970, 1, 1)


def day_number(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - _EPOCH).days


TODAY = day_number(EXPORT_DATE.isoformat())
YEAR = 365
