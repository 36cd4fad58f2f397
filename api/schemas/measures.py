"""The measure catalogue (联合奖惩措施清单, 004 §19-§20) as the API shows it: punishment measures,
what triggers them, whom they reach, and the incentives. The file it was read from is the
server's business, not part of the answer."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from api.schemas.common import ApiModel
from api.schemas.graph import RecordKind
from graph_credit.punishment.catalogue import Office, TargetKind, TargetRole


class Trigger(ApiModel):
    """Record kinds (optionally narrowed to tax levels or categories) that a rule applies to."""

    kind: RecordKind = Field(examples=["tax_credit"])
    levels: list[str] = Field(examples=[["D"]], description="tax credit levels; empty: any")
    categories: list[str] = Field(examples=[[]], description="record categories; empty: any")


class Duration(ApiModel):
    rule: Literal["validity", "months", "validity_or_months"] = Field(
        examples=["validity_or_months"],
        description="validity: while the record is valid; months: for a fixed time; validity_or_months: "
        "the validity, or the months when it has none",
    )
    months: int | None = Field(examples=[36])


class Measure(ApiModel):
    code: str = Field(examples=["PUBLIC_FUNDS"])
    name: str = Field(examples=["限制申请财政性资金项目"])
    means: str = Field(examples=["严格限制申请财政性资金项目，不予安排财政补助、专项资金"])
    triggers: list[Trigger]
    targets: list[TargetRole] = Field(
        examples=[["subject", "legal_rep", "responsible"]], description="whom it reaches"
    )
    responsible_only: list[TargetRole] = Field(
        examples=[[]], description="office roles it reaches only when named responsible on the record"
    )
    bars_office: bool = Field(
        examples=[False], description="bars the person from office at other enterprises"
    )
    binds: list[TargetKind] = Field(
        examples=[["person"]],
        description="kinds of target it can bind: unit (an enterprise), person (a natural person); "
        "a subject it cannot bind is left out",
    )
    departments: list[str] = Field(examples=[["区财政局", "区发展和改革委员会"]], description="实施主体")
    basis: str = Field(examples=["004 §15 严格限制申请财政性资金项目"])
    duration: Duration


class IncentiveMeasure(ApiModel):
    code: str = Field(examples=["GREEN_CHANNEL"])
    name: str = Field(examples=["行政审批绿色通道、容缺受理"])
    means: str = Field(
        examples=["办理行政许可时实施“绿色通道”“容缺受理”等便利服务，优化日常检查、专项检查频次"]
    )
    eligible: list[Literal["red_list", "clean_years"]] = Field(examples=[["red_list", "clean_years"]])
    departments: list[str] = Field(examples=[["区行政审批局", "区市场监督管理局"]])
    basis: str = Field(
        examples=[
            "004 §11 对诚信典型和连续三年无不良信用记录的行政相对人，可实施“绿色通道”“容缺受理”等便利服务措施"
        ]
    )


class Incentives(ApiModel):
    red_list_records: list[Trigger] = Field(description="records that put a subject on the red list")
    bad_records: list[Trigger] = Field(description="records that break a clean period")
    clean_years: int = Field(examples=[3], description="years without a bad record for the green channel")
    measures: list[IncentiveMeasure]


class OfficeTarget(ApiModel):
    """What an office target role means: the offices on the register it covers, and why."""

    name: str = Field(examples=["主要负责人（负责人）"])
    offices: list[Office] = Field(examples=[["principal", "chair"]], description="offices as on roles.csv")
    basis: str = Field(examples=["004 §8, §15, §17 主要负责人; the chair of the board (董事长) …"])


class MeasureCatalogue(ApiModel):
    version: int = Field(examples=[1])
    target_roles: dict[str, OfficeTarget] = Field(
        description="office target roles (legal_rep, principal, director, supervisor, manager, "
        "shareholder): the offices each covers and the basis"
    )
    punishment: list[Measure]
    incentives: Incentives

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "version": 1,
                    "target_roles": {
                        "principal": {
                            "name": "主要负责人（负责人）",
                            "offices": ["principal", "chair"],
                            "basis": "004 §8, §15, §17 主要负责人; the chair of the board (董事长) …",
                        }
                    },
                    "punishment": [
                        {
                            "code": "PROCUREMENT_BAN",
                            "name": "一定期限内禁止参加政府采购活动",
                            "means": "列入政府采购供应商不良行为记录名单，在一定期限内禁止参加政府采购活动",
                            "triggers": [{"kind": "procurement_bad_conduct", "levels": [], "categories": []}],
                            "targets": ["subject"],
                            "responsible_only": [],
                            "bars_office": False,
                            "binds": ["unit", "person"],
                            "departments": ["区财政局"],
                            "basis": "002 §三(七) 在一定期限内禁止参加政府采购活动",
                            "duration": {"rule": "validity_or_months", "months": 36},
                        }
                    ],
                    "incentives": {
                        "red_list_records": [
                            {"kind": "red_list", "levels": [], "categories": []},
                            {"kind": "tax_credit", "levels": ["A"], "categories": []},
                        ],
                        "bad_records": [{"kind": "blacklist", "levels": [], "categories": []}],
                        "clean_years": 3,
                        "measures": [],
                    },
                }
            ]
        }
    )
