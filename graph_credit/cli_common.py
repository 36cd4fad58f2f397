"""Small pieces every command module shares."""

from __future__ import annotations

import datetime as dt

import typer


def as_of_date(value: str | None, param_hint: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option as a date, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=param_hint) from None
