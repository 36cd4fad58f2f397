"""Query parameters made from the arguments the questions share (graph_credit.params): the range is
the domain's, narrowed where the API serves less (`served_high`), and the description its meaning."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query

from graph_credit.params import AS_OF_ANY_PERIOD, AS_OF_TODAY, Limit


def bounded(limit: Limit) -> Any:
    return Query(ge=limit.low, le=limit.api_high, description=limit.meaning)


AsOfAnyPeriod = Annotated[dt.date | None, Query(description=AS_OF_ANY_PERIOD)]
AsOfToday = Annotated[dt.date | None, Query(description=AS_OF_TODAY)]
