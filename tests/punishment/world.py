"""A tiny credit world written as a bundle row by row, loaded into a store."""

from __future__ import annotations

from pathlib import Path

from graph_credit.identifiers import make_uscc
from graph_credit.store.base import GraphStore
from loaders.load import load_bundle
from tests.conftest import SECRET

RECORD_HEADER = (
    "record_id,subject,kind,category,level,authority,basis,act_date,decision_date,valid_until,"
    "repairable,status,monitoring_months,responsible,summary"
)


class World:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.uscc: dict[str, str] = {}
        self.ents = ["uscc,name,established"]
        self.persons = ["ref,name"]
        self.holdings = ["holder,target,ratio,since,until"]
        self.roles = ["person,enterprise,role,since,until"]
        self.records = [RECORD_HEADER]
        self._pkeys: dict[str, str] = {}

    def ent(self, name: str, established: str = "2000-01-01") -> str:
        code = make_uscc("9", "1", "230800", f"{len(self.uscc) + 1:08d}")
        self.uscc[name] = code
        self.ents.append(f"{code},{name},{established}")
        return code

    def person(self, ref: str) -> str:
        self.persons.append(f"{ref},{ref}")
        return ref

    def _ref(self, who: str) -> str:
        return self.uscc.get(who, who)

    def role(self, person: str, ent: str, role: str, since: str = "", until: str = "") -> None:
        self.roles.append(f"{person},{self._ref(ent)},{role},{since},{until}")

    def hold(self, holder: str, ent: str, ratio: str, since: str = "", until: str = "") -> None:
        self.holdings.append(f"{self._ref(holder)},{self._ref(ent)},{ratio},{since},{until}")

    def record(
        self,
        record_id: str,
        subject: str,
        kind: str,
        *,
        decision: str,
        act: str = "",
        valid_until: str = "",
        level: str = "",
        repairable: str = "",
        status: str = "",
        months: str = "",
        responsible: str = "",
        authority: str = "佳木斯市市场监督管理局",
    ) -> None:
        self.records.append(
            f"{record_id},{self._ref(subject)},{kind},,{level},{authority},,{act},{decision},{valid_until},"
            f"{repairable},{status},{months},{responsible},"
        )

    def load(self, store: GraphStore, *, derive: bool = False) -> World:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, lines in (
            ("enterprises.csv", self.ents),
            ("persons.csv", self.persons),
            ("holdings.csv", self.holdings),
            ("roles.csv", self.roles),
            ("records.csv", self.records),
        ):
            (self.folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = load_bundle(store, self.folder, SECRET, derive_restrictions=derive)
        self.report = report
        assert report.total_rejected == 0, report.rejected
        self._pkeys = {r["name"]: r["pkey"] for r in store.read("load/persons_all")}
        return self

    def key(self, who: str) -> str:
        return self.uscc[who] if who in self.uscc else self._pkeys[who]
