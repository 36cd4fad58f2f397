"""A tiny credit world written as a bundle row by row, then loaded into a store.

Enterprises are named, persons referred to by `ref`; a holding, office, record or guarantee may
name either, and the builder writes the enterprise's USCC for it. Every bundle file is written
with all the columns of docs/data-format.md, so a test sets only what it is about. A keyword
argument is named after the column it fills; a column a test leaves alone is empty ("not
known"), except where the format requires a value or the loader would use the same default.
"""

from __future__ import annotations

import csv
from pathlib import Path

from graph_credit.identifiers import make_uscc
from graph_credit.store.base import GraphStore
from loaders.load import LoadReport, load_bundle
from tests.conftest import SECRET

# The documented columns of every bundle file (docs/data-format.md), required and optional.
COLUMNS: dict[str, tuple[str, ...]] = {
    "enterprises.csv": (
        "uscc",
        "name",
        "org_type",
        "status",
        "established",
        "registered_capital",
        "region_code",
        "industry",
        "address",
        "phone",
        "parent_uscc",
    ),
    "persons.csv": ("ref", "name", "id_number", "source"),
    "holdings.csv": ("holder", "target", "ratio", "subscribed_capital", "since", "until"),
    "roles.csv": ("person", "enterprise", "role", "since", "until"),
    "records.csv": (
        "record_id",
        "subject",
        "kind",
        "category",
        "level",
        "authority",
        "basis",
        "act_date",
        "decision_date",
        "valid_until",
        "repairable",
        "status",
        "monitoring_months",
        "responsible",
        "summary",
    ),
    "projects.csv": ("code", "name", "kind", "region_code", "status", "started", "ended", "outcome"),
    "participations.csv": ("enterprise", "project", "role"),
    "guarantees.csv": ("guarantor", "debtor", "amount", "since", "until"),
    "withdrawals.csv": ("file", "key", "reason", "authority", "date"),
}

AUTHORITY = "佳木斯市市场监督管理局"


class World:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
        self.uscc: dict[str, str] = {}
        self.person_names: dict[str, str] = {}
        self._pkeys: dict[str, str] = {}

    def _add(self, file: str, **row: str) -> None:
        self.rows[file].append(row)

    def _ref(self, who: str) -> str:
        """The USCC of an enterprise named here; anything else (a person ref, a USCC) as it is."""
        return self.uscc.get(who, who)

    def ent(
        self,
        name: str,
        established: str = "",
        *,
        org_type: str = "enterprise",
        registered_capital: str = "",
    ) -> str:
        """A new enterprise, numbered in the order they are added; returns its USCC."""
        code = make_uscc("9", "1", "230800", f"{len(self.uscc) + 1:08d}")
        self.uscc[name] = code
        self._add(
            "enterprises.csv",
            uscc=code,
            name=name,
            org_type=org_type,
            established=established,
            registered_capital=registered_capital,
        )
        return code

    def person(self, ref: str, name: str | None = None, *, id_number: str = "") -> str:
        """A person known by `ref`, named `ref` unless a name is given."""
        self.person_names[ref] = name or ref
        self._add("persons.csv", ref=ref, name=name or ref, id_number=id_number)
        return ref

    def hold(
        self,
        holder: str,
        target: str,
        ratio: str = "",
        since: str = "",
        until: str = "",
        *,
        subscribed_capital: str = "",
    ) -> None:
        self._add(
            "holdings.csv",
            holder=self._ref(holder),
            target=self._ref(target),
            ratio=ratio,
            subscribed_capital=subscribed_capital,
            since=since,
            until=until,
        )

    def role(self, person: str, enterprise: str, role: str, since: str = "", until: str = "") -> None:
        self._add(
            "roles.csv", person=person, enterprise=self._ref(enterprise), role=role, since=since, until=until
        )

    def record(
        self,
        record_id: str,
        subject: str,
        kind: str,
        *,
        decision_date: str = "2023-01-10",
        act_date: str = "",
        valid_until: str = "",
        status: str = "active",
        category: str = "",
        level: str = "",
        repairable: str = "",
        monitoring_months: str = "",
        responsible: str = "",
        authority: str = AUTHORITY,
    ) -> None:
        self._add(
            "records.csv",
            record_id=record_id,
            subject=self._ref(subject),
            kind=kind,
            category=category,
            level=level,
            authority=authority,
            act_date=act_date,
            decision_date=decision_date,
            valid_until=valid_until,
            repairable=repairable,
            status=status,
            monitoring_months=monitoring_months,
            responsible=responsible,
        )

    def project(
        self, code: str, ent: str, role: str, status: str, outcome: str, started: str = "", ended: str = ""
    ) -> None:
        """An investment project `项目<code>` with one participant."""
        self._add(
            "projects.csv",
            code=code,
            name=f"项目{code}",
            kind="investment",
            status=status,
            started=started,
            ended=ended,
            outcome=outcome,
        )
        self._add("participations.csv", enterprise=self._ref(ent), project=code, role=role)

    def guarantee(
        self, guarantor: str, debtor: str, amount: str = "100", since: str = "", until: str = ""
    ) -> None:
        self._add(
            "guarantees.csv",
            guarantor=self._ref(guarantor),
            debtor=self._ref(debtor),
            amount=amount,
            since=since,
            until=until,
        )

    def withdraw(self, file: str, *key: str, reason: str = "登记错误", date: str = "2024-07-01") -> None:
        """Say that a row loaded before was wrong; `key` names it by its identifying fields."""
        self.rows["withdrawals.csv"].append(
            {"file": file, "key": "|".join(self._ref(k) for k in key), "reason": reason}
            | {"authority": AUTHORITY, "date": date}
        )

    def row(self, file: str, **match: str) -> dict[str, str]:
        """The one row of `file` with these values, to change before loading the bundle again."""
        [found] = [r for r in self.rows[file] if all(r.get(c, "") == v for c, v in match.items())]
        return found

    def write(self) -> Path:
        """Every bundle file, a file with no rows holding its header only."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for file, columns in COLUMNS.items():
            with (self.folder / file).open("w", encoding="utf-8", newline="") as fh:
                out = csv.DictWriter(fh, fieldnames=columns, restval="", lineterminator="\n")
                out.writeheader()
                out.writerows(self.rows[file])
        return self.folder

    def load(self, store: GraphStore, *, derive: bool = True) -> World:
        """Write the bundle and load it (deriving restrictions, as the loader does by default);
        nothing may be rejected."""
        self.report: LoadReport = load_bundle(store, self.write(), SECRET, derive_restrictions=derive)
        assert self.report.total_rejected == 0, self.report.rejected
        self._pkeys = {r["name"]: r["pkey"] for r in store.read("load/persons_all")}
        return self

    def key(self, who: str) -> str:
        """The USCC of an enterprise by name, the person key of a person by ref (after `load`)."""
        if who in self.uscc:
            return self.uscc[who]
        return self._pkeys[self.person_names.get(who, who)]
