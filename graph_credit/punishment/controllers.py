"""The actual controller (实际控制人) of a sanctioned enterprise on the act date, as a role row.

The Supreme People's Court's rules on restricting high consumption of judgment debtors (2015
revision, art. 3 para. 2) bind a unit's actual controller as well as the unit. The ownership
module's majority-control chain finds it, through intermediate holding companies. Only a natural
person at the top is restricted: a state body never is, and an enterprise nobody holds a majority
of is a controlling shareholder whose own controller is unknown, not a person the rule names.

Each controller found becomes a row shaped like a role edge held on that one day, so the
derivation reads it as it reads an office held on the act date; its edge text is the chain with
its shares, which the provenance shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from graph_credit.ownership import actual_controller
from graph_credit.ownership.models import Controller
from graph_credit.punishment.catalogue import ACTUAL_CONTROLLER, MeasureCatalogue
from graph_credit.punishment.derive_one import triggered
from graph_credit.punishment.frames import py_date
from graph_credit.store.base import GraphStore

# The marker that starts the edge text of an actual controller's restriction.
CHAIN_MARK = "control chain"


def chain_text(c: Controller) -> str:
    """'control chain on D: P holds 60.0% of H [uscc]; H holds 70.0% of A [uscc]' (top down)."""
    links = "; ".join(
        f"{s.controller.name or '?'} [{s.controller.key}] holds {s.votes:.1%} of "
        f"{s.controlled.name or '?'} [{s.controlled.key}]"
        for s in c.steps
    )
    return f"{CHAIN_MARK} on {c.as_of.isoformat()}: {links}"


def controller_of(store: GraphStore, uscc: str, day: dt.date) -> Controller | None:
    """The actual controller the rule may bind: a natural person controlling `uscc` on `day`."""
    c = actual_controller(store, uscc, as_of=day)
    if c.status != "controlled" or c.controller is None:
        return None
    if c.controller.kind != "person" or c.controller.is_state:
        return None
    return c


def controller_roles(
    store: GraphStore, records: Iterable[dict[str, Any]], catalogue: MeasureCatalogue
) -> list[dict[str, Any]]:
    """Role rows (the `roles_of` shape) for the actual controller of each enterprise subject of a
    record that triggers a measure reaching actual controllers, on the record's role date."""
    measures = catalogue.controller_measures()
    if not measures:
        return []
    seen: dict[tuple[str, dt.date], Controller | None] = {}
    rows: list[dict[str, Any]] = []
    for record in records:
        if record.get("subject_kind") != "Enterprise":
            continue
        if not any(triggered(m.triggers, record) for m in measures):
            continue
        day = py_date(record.get("act_date")) or py_date(record.get("decision_date"))
        if day is None:
            continue
        uscc = str(record["subject_key"])
        if (uscc, day) not in seen:
            seen[(uscc, day)] = controller_of(store, uscc, day)
            c = seen[(uscc, day)]
            if c is not None and c.controller is not None:
                rows.append(
                    {
                        "pkey": c.controller.key,
                        "person_name": c.controller.name,
                        "uscc": uscc,
                        "role": ACTUAL_CONTROLLER,
                        "since": day,
                        "until": day,
                        "eid": chain_text(c),
                    }
                )
    return rows
