"""A tiny credit world written as a bundle row by row, loaded into a store for one scenario."""

from __future__ import annotations

from pathlib import Path

from graph_credit.identifiers import make_uscc
from graph_credit.store.base import GraphStore
from loaders.load import load_bundle
from tests.conftest import SECRET


class World:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.uscc: dict[str, str] = {}
        self.files: dict[str, list[str]] = {
            "enterprises.csv": ["uscc,name,established"],
            "persons.csv": ["ref,name"],
            "holdings.csv": ["holder,target,ratio,since,until"],
            "roles.csv": ["person,enterprise,role,since,until"],
            "records.csv": [
                "record_id,subject,kind,category,level,authority,decision_date,valid_until,status,responsible,monitoring_months"
            ],
            "projects.csv": ["code,name,kind,status,started,ended,outcome"],
            "participations.csv": ["enterprise,project,role"],
            "guarantees.csv": ["guarantor,debtor,amount,since,until"],
        }
        self.names: dict[str, str] = {}
        self._pkeys: dict[str, str] = {}

    def ent(self, name: str, established: str = "2015-01-01") -> str:
        code = make_uscc("9", "1", "230800", f"{len(self.uscc) + 1:08d}")
        self.uscc[name] = code
        self.files["enterprises.csv"].append(f"{code},{name},{established}")
        return code

    def person(self, ref: str) -> str:
        self.files["persons.csv"].append(f"{ref},{ref}")
        self.names[ref] = ref
        return ref

    def _ref(self, who: str) -> str:
        return self.uscc.get(who, who)

    def hold(self, holder: str, target: str, ratio: str, since: str = "", until: str = "") -> None:
        self.files["holdings.csv"].append(f"{self._ref(holder)},{self._ref(target)},{ratio},{since},{until}")

    def role(self, person: str, ent: str, role: str, since: str = "", until: str = "") -> None:
        self.files["roles.csv"].append(f"{person},{self._ref(ent)},{role},{since},{until}")

    def record(
        self,
        rid: str,
        subject: str,
        kind: str,
        *,
        decided: str = "2023-01-10",
        until: str = "",
        status: str = "active",
        level: str = "",
        category: str = "",
        responsible: str = "",
        monitoring: str = "",
    ) -> None:
        self.files["records.csv"].append(
            f"{rid},{self._ref(subject)},{kind},{category},{level},佳木斯市市场监督管理局,{decided},{until},{status},{responsible},{monitoring}"
        )

    def project(
        self, code: str, ent: str, role: str, status: str, outcome: str, started: str = "", ended: str = ""
    ) -> None:
        self.files["projects.csv"].append(
            f"{code},项目{code},investment,{status},{started},{ended},{outcome}"
        )
        self.files["participations.csv"].append(f"{self._ref(ent)},{code},{role}")

    def guarantee(self, guarantor: str, debtor: str, since: str = "") -> None:
        self.files["guarantees.csv"].append(f"{self._ref(guarantor)},{self._ref(debtor)},100,{since},")

    def load(self, store: GraphStore) -> World:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, lines in self.files.items():
            (self.folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = load_bundle(store, self.folder, SECRET)
        assert report.total_rejected == 0, report.rejected
        self._pkeys = {r["name"]: r["pkey"] for r in store.read("load/persons_all")}
        return self

    def key(self, who: str) -> str:
        return self.uscc[who] if who in self.uscc else self._pkeys[self.names[who]]
