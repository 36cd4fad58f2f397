"""Spellings the bundle format accepts for each code list: English code or Chinese term."""

from __future__ import annotations

from enum import StrEnum

from graph_credit.model import (
    EnterpriseStatus,
    OrgType,
    ProjectKind,
    RecordKind,
    RecordStatus,
    Role,
)

_CHINESE: dict[type[StrEnum], dict[str, str]] = {
    OrgType: {
        "企业": "enterprise",
        "个体工商户": "individual_business",
        "事业单位": "public_institution",
        "社会组织": "social_organisation",
        "机关": "government",
        "其他": "other",
    },
    EnterpriseStatus: {
        "存续": "active",
        "在业": "active",
        "吊销": "revoked",
        "注销": "deregistered",
        "迁出": "moved_out",
    },
    Role: {
        "法定代表人": "legal_rep",
        "主要负责人": "principal",
        "董事长": "chair",
        "董事": "director",
        "监事": "supervisor",
        "经理": "manager",
        "高级管理人员": "manager",
        "财务负责人": "finance_head",
    },
    RecordKind: {
        "严重失信主体名单": "blacklist",
        "黑名单": "blacklist",
        "失信被执行人": "judgment_debtor",
        "行政处罚": "admin_penalty",
        "行政许可": "admin_licence",
        "经营异常名录": "abnormal_operation",
        "纳税信用等级": "tax_credit",
        "政府采购严重违法失信行为": "procurement_bad_conduct",
        "红名单": "red_list",
    },
    RecordStatus: {
        "有效": "active",
        "异议处理中": "under_objection",
        "已更正": "corrected",
        "已撤销": "revoked",
        "已修复": "repaired",
        "已过期": "expired",
    },
    ProjectKind: {
        "招商引资": "investment",
        "政府采购": "procurement",
        "招标投标": "bidding",
        "工程建设": "construction",
    },
}


def spellings(enum: type[StrEnum]) -> dict[str, str]:
    out = {m.value: m.value for m in enum}
    out.update(_CHINESE.get(enum, {}))
    return out


TAX_LEVELS = {v: v for v in ("A", "B", "C", "D", "M")} | {v.lower(): v for v in "ABCDM"}
