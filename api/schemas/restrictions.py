"""Joint punishment as it stands on a date: the restrictions on a subject (each with its record and
provenance), the restricted persons of an enterprise, red list and green channel, key monitoring."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from api.schemas.common import ApiModel
from api.schemas.graph import ACME, HOLDCO, ZHANG, RecordKind, RecordStatus
from graph_credit.punishment.catalogue import TargetRole as Role  # the catalogue's target roles
from graph_credit.punishment.views import State

EX_RESTRICTION = {
    "restriction_id": f"R1|MARKET_ENTRY_BAN|legal_rep|{ZHANG}",
    "target_kind": "Person",
    "target_key": ZHANG,
    "target_name": "张三",
    "measure_code": "MARKET_ENTRY_BAN",
    "measure_name": "市场和行业禁入",
    "means": "对严重失信企业及其法定代表人、主要负责人和负有直接责任的人员实施市场和行业禁入，限制担任相关职务",
    "departments": ["区市场监督管理局", "区行政审批局"],
    "basis": "004 §15 依法实施市场和行业禁入措施; 004 §8 失信惩戒措施落实到人",
    "bars_office": True,
    "record_id": "R1",
    "record_kind": "blacklist",
    "record_status": "active",
    "record_authority": "佳木斯市市场监督管理局",
    "role": "legal_rep",
    "office": "legal_rep",
    "via_enterprise": ACME,
    "role_edge": f"O|{ZHANG}|{ACME}|legal_rep|2010-01-01",
    "role_since": "2010-01-01",
    "role_until": "2019-12-31",
    "role_date": "2019-06-01",
    "role_date_source": "act_date",
    "start": "2021-05-01",
    "end": "2024-05-01",
    "state": "active",
    "state_note": "",
    "provenance": f"record R1 (blacklist, 佳木斯市市场监督管理局) → legal_rep of {ACME} on the act date "
    f"2019-06-01 → person 张三 [{ZHANG}] → measure MARKET_ENTRY_BAN 市场和行业禁入 → basis 004 §15",
}


class Restriction(ApiModel):
    """One measure on one subject because of one record, with how it got there (004 §8, §15)."""

    restriction_id: str = Field(examples=[EX_RESTRICTION["restriction_id"]])
    target_kind: Literal["Enterprise", "Person"] = Field(examples=["Person"])
    target_key: str = Field(examples=[ZHANG])
    target_name: str = Field(examples=["张三"])
    measure_code: str = Field(examples=["MARKET_ENTRY_BAN"])
    measure_name: str = Field(examples=["市场和行业禁入"])
    means: str = Field(examples=[EX_RESTRICTION["means"]])
    departments: list[str] = Field(examples=[["区市场监督管理局", "区行政审批局"]], description="实施主体")
    basis: str = Field(examples=[EX_RESTRICTION["basis"]])
    bars_office: bool = Field(examples=[True])
    record_id: str = Field(examples=["R1"])
    record_kind: RecordKind = Field(examples=["blacklist"])
    record_status: RecordStatus = Field(examples=["active"])
    record_authority: str = Field(examples=["佳木斯市市场监督管理局"])
    role: Role = Field(examples=["legal_rep"], description="how the target is reached from the record")
    office: str = Field(
        examples=["legal_rep"], description="the role written on the edge (chair counts as director)"
    )
    via_enterprise: str | None = Field(
        examples=[ACME], description="the USCC the role was held at; null for the subject itself"
    )
    role_edge: str | None = Field(examples=[EX_RESTRICTION["role_edge"]])
    role_since: dt.date | None = Field(examples=["2010-01-01"])
    role_until: dt.date | None = Field(examples=["2019-12-31"])
    role_date: dt.date | None = Field(examples=["2019-06-01"], description="the day the role was checked on")
    role_date_source: Literal["act_date", "decision_date"] = Field(
        examples=["act_date"], description="decision_date when no act date is known"
    )
    start: dt.date | None = Field(examples=["2021-05-01"])
    end: dt.date | None = Field(examples=["2024-05-01"], description="last day in force; null: open")
    state: State = Field(examples=["active"], description="on the as-of date")
    state_note: str = Field(examples=["ended after 2024-05-01: validity ended"])
    provenance: str = Field(examples=[EX_RESTRICTION["provenance"]])

    model_config = ConfigDict(json_schema_extra={"examples": [EX_RESTRICTION]})


class RelatedRisk(ApiModel):
    """关联风险: a person barred from office who serves at an enterprise other than the one sanctioned."""

    person_key: str = Field(examples=[ZHANG])
    person_name: str = Field(examples=["张三"])
    enterprise_uscc: str = Field(examples=[HOLDCO])
    enterprise_name: str = Field(examples=["佳木斯乙投资有限公司"])
    office: str = Field(examples=["director"])
    office_edge: str = Field(examples=[f"O|{ZHANG}|{HOLDCO}|director|2020-01-01"])
    restriction_id: str = Field(examples=[EX_RESTRICTION["restriction_id"]])
    measure_code: str = Field(examples=["MARKET_ENTRY_BAN"])
    record_id: str = Field(examples=["R1"])
    sanctioned_enterprise: str | None = Field(examples=[ACME])
    note: str = Field(examples=["barred from office (MARKET_ENTRY_BAN) but serves as director"])


class SubjectRestrictions(ApiModel):
    subject_kind: Literal["Enterprise", "Person"] = Field(examples=["Enterprise"])
    subject_key: str = Field(examples=[ACME])
    subject_name: str = Field(examples=["佳木斯甲实业有限公司"])
    as_of: dt.date = Field(examples=["2024-06-30"])
    restricted: bool = Field(examples=[True], description="at least one restriction is active")
    items: list[Restriction] = Field(description="every restriction ever derived, with its state on the date")
    related_risks: list[RelatedRisk] = Field([], examples=[[]])


class RestrictedPerson(ApiModel):
    person_key: str = Field(examples=[ZHANG])
    person_name: str = Field(examples=["张三"])
    offices: list[str] = Field(
        examples=[["legal_rep"]],
        description='offices held at the enterprise on the date ("" when reached only via its records)',
    )
    because_of_this_enterprise: bool = Field(examples=[True])
    restrictions: list[Restriction]


class RestrictedPersons(ApiModel):
    uscc: str = Field(examples=[ACME])
    name: str = Field(examples=["佳木斯甲实业有限公司"])
    as_of: dt.date = Field(examples=["2024-06-30"])
    persons: list[RestrictedPerson]


class IncentiveStatus(ApiModel):
    """Red list and green channel (004 §7, §11)."""

    subject_kind: Literal["Enterprise", "Person"] = Field(examples=["Enterprise"])
    subject_key: str = Field(examples=[HOLDCO])
    subject_name: str = Field(examples=["佳木斯乙投资有限公司"])
    as_of: dt.date = Field(examples=["2024-06-30"])
    red_list: bool = Field(examples=[False])
    green_channel: bool = Field(examples=[True])
    reason: str = Field(examples=["no bad record since 2012-03-01 (3 years or more, 004 §11)"])
    clean_since: dt.date | None = Field(examples=["2012-03-01"])
    red_records: list[str] = Field([], examples=[[]])
    bad_records: list[str] = Field(
        [], examples=[[]], description="bad records in force or within the clean period"
    )
    measures: list[str] = Field(
        [], examples=[["GREEN_CHANNEL"]], description="incentive measures it qualifies for"
    )


class MonitoringItem(ApiModel):
    record_id: str = Field(examples=["R1"])
    record_kind: RecordKind = Field(examples=["blacklist"])
    since: dt.date = Field(examples=["2024-05-01"])
    until: dt.date = Field(examples=["2026-05-01"])
    months: int = Field(examples=[24])
    default_period: bool = Field(
        examples=[False],
        description="the period is the catalogue's default (monitoring.default_months): the listing "
        "authority set none",
    )
    reason: str = Field(examples=["key monitoring for 24 months after the record ended (004 §20)"])


class MonitoringStatus(ApiModel):
    """Key monitoring after a record ends or is repaired (004 §20)."""

    subject_kind: Literal["Enterprise", "Person"] = Field(examples=["Enterprise"])
    subject_key: str = Field(examples=[ACME])
    subject_name: str = Field(examples=["佳木斯甲实业有限公司"])
    as_of: dt.date = Field(examples=["2024-06-30"])
    monitored: bool = Field(examples=[True])
    items: list[MonitoringItem]
