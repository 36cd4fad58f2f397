"""The bad rows `dirty_rows=True` appends to each file, for the loader's tests."""

from __future__ import annotations

import numpy as np

from graph_credit.identifiers import USCC_ALPHABET

from .codes import resident_id_array, uscc_array
from .days import day_number
from .regions import ANCHORS

# The bad rows `dirty_rows=True` appends, per file, in order: what each one breaks.
DIRTY_ROWS: dict[str, tuple[str, ...]] = {
    "enterprises.csv": (
        "uscc with a wrong check character",
        "established 2023-02-30 (a date that does not exist)",
        "uscc repeated from an earlier row (duplicate key)",
    ),
    "persons.csv": (
        "id_number with a wrong check digit",
        "ref repeated from an earlier row (duplicate key)",
        "ref that is a valid USCC",
    ),
    "holdings.csv": (
        "holder is an unknown person ref",
        "ratio 1.5",
        "until before since",
        "since 2023-02-30",
        "target uscc with a wrong check character",
        "bare ratio 33.03 (ambiguous: not a fraction, no % sign)",
        "target is the enterprise rejected for its 2023-02-30 date (refers to a rejected row)",
    ),
    "roles.csv": (
        "person is an unknown ref",
        "until before since",
        "role is not a known code",
        "since 2023-02-30",
    ),
    "records.csv": (
        "subject is an unknown person ref",
        "decision_date 2023-02-30",
        "valid_until before decision_date",
        "tax_credit without a level",
        "subject uscc with a wrong check character",
    ),
    "projects.csv": (
        "ended before started",
        "started 2023-02-30",
    ),
    "participations.csv": (
        "unknown project code",
        "enterprise uscc with a wrong check character",
    ),
    "guarantees.csv": (
        "until before since",
        "guarantor is an unknown person ref",
        "debtor uscc with a wrong check character",
    ),
}


def _valid_uscc(first16: str) -> str:
    """A valid USCC from its first 16 characters (head, region, body)."""
    body = np.frombuffer(first16[8:16].encode(), np.uint8)[None, :]
    head = np.frombuffer(first16[:2].encode(), np.uint8)[None, :]
    return uscc_array(head, np.array([int(first16[2:8])]), body)[0].decode()


def _wrong_check(code: str) -> str:
    i = USCC_ALPHABET.index(code[-1])
    return code[:-1] + USCC_ALPHABET[(i + 1) % len(USCC_ALPHABET)]


def _wrong_id() -> str:
    good = resident_id_array(np.array([230804]), np.array([day_number("1980-05-06")]), np.array([123]))[
        0
    ].decode()
    return good[:17] + ("0" if good[17] != "0" else "1")


class DirtyRows:
    """dirty(name): the rows of DIRTY_ROWS for one file. A mixin of `generator._Generator`."""

    def dirty(self, name: str) -> list[dict[str, str]]:
        a = self.uscc_str[len(ANCHORS) + 1].as_py()
        b = self.uscc_str[len(ANCHORS) + 2].as_py()
        # Codes no generated enterprise has (generated bodies are digits or start with MA/MJ).
        ghost = _valid_uscc("91230804QQQQQQQQ")
        feb30 = _valid_uscc("91230804QQQQQQQR")
        ref1, ref2 = (f"P{i:0{self.ref_width}d}" for i in (1, 2))
        unknown = "PX999999"
        # files are written in order: the projects exist by the time participations are
        project = self.project_code[0].as_py() if hasattr(self, "project_code") else ""
        court = "佳木斯市中级人民法院"
        market = "佳木斯市市场监督管理局"
        rows: dict[str, list[dict[str, str]]] = {
            "enterprises.csv": [
                {"uscc": _wrong_check(ghost), "name": "佳木斯错码商贸有限公司", "org_type": "enterprise"},
                {"uscc": feb30, "name": "佳木斯错日商贸有限公司", "org_type": "enterprise", "established": "2023-02-30"},
                {"uscc": a, "name": "佳木斯重复商贸有限公司", "org_type": "enterprise"},
            ],
            "persons.csv": [
                {"ref": "PX000001", "name": "错号", "id_number": _wrong_id()},
                {"ref": ref1, "name": "重复"},
                {"ref": ghost, "name": "像代码的人"},
            ],
            "holdings.csv": [
                {"holder": unknown, "target": a, "ratio": "0.1"},
                {"holder": ref2, "target": b, "ratio": "1.5"},
                {"holder": ref2, "target": a, "ratio": "0.1", "since": "2022-05-01", "until": "2021-05-01"},
                {"holder": ref1, "target": b, "ratio": "0.1", "since": "2023-02-30"},
                {"holder": ref1, "target": _wrong_check(a), "ratio": "0.1"},
                {"holder": ref2, "target": a, "ratio": "33.03", "since": "2024-01-01"},
                {"holder": ref1, "target": feb30, "ratio": "0.2"},
            ],
            "roles.csv": [
                {"person": unknown, "enterprise": a, "role": "director"},
                {"person": ref1, "enterprise": a, "role": "director", "since": "2022-05-01", "until": "2021-05-01"},
                {"person": ref1, "enterprise": b, "role": "ceo"},
                {"person": ref2, "enterprise": b, "role": "supervisor", "since": "2023-02-30"},
            ],
            "records.csv": [
                {"record_id": "DIRTY-1", "subject": unknown, "kind": "judgment_debtor", "authority": court, "decision_date": "2024-01-10"},
                {"record_id": "DIRTY-2", "subject": a, "kind": "admin_penalty", "authority": market, "decision_date": "2023-02-30"},
                {"record_id": "DIRTY-3", "subject": a, "kind": "admin_penalty", "authority": market, "decision_date": "2024-03-01", "valid_until": "2024-02-01"},
                {"record_id": "DIRTY-4", "subject": a, "kind": "tax_credit", "authority": "国家税务总局佳木斯市税务局", "decision_date": "2024-04-20"},
                {"record_id": "DIRTY-5", "subject": _wrong_check(b), "kind": "admin_penalty", "authority": market, "decision_date": "2024-03-01"},
            ],
            "projects.csv": [
                {"code": "DIRTY-P1", "name": "日期颠倒项目", "kind": "bidding", "started": "2024-05-01", "ended": "2024-04-01"},
                {"code": "DIRTY-P2", "name": "日期不存在项目", "kind": "procurement", "started": "2023-02-30"},
            ],
            "participations.csv": [
                {"enterprise": a, "project": "NO-SUCH-PROJECT", "role": "bidder"},
                {"enterprise": _wrong_check(a), "project": project, "role": "bidder"},
            ],
            "guarantees.csv": [
                {"guarantor": a, "debtor": b, "amount": "100", "since": "2022-05-01", "until": "2021-05-01"},
                {"guarantor": unknown, "debtor": b, "amount": "100", "since": "2022-05-01"},
                {"guarantor": a, "debtor": _wrong_check(b), "amount": "100", "since": "2022-05-01"},
            ],
        }  # fmt: skip
        out = rows[name]
        assert len(out) == len(DIRTY_ROWS[name])
        return out
