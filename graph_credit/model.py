"""The credit graph's node and edge kinds, declared once.

Both engines' DDL, the loader's columns and the generated load queries come from this
declaration; `tests/test_model.py` checks that the committed `cypher/` files still match it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Registry exports round each holder's share, so a target's holdings may add up to a few tenths
# of a point over 100%; only more than this is reported (by the loader) and flagged (by the
# ownership analysis). One constant, so the two always agree.
OVER_FULL_TOLERANCE = 0.005


class PropType(StrEnum):
    STRING = "STRING"
    DOUBLE = "DOUBLE"
    DATE = "DATE"
    BOOL = "BOOL"
    INT = "INT64"


S, F, D, B, N = PropType.STRING, PropType.DOUBLE, PropType.DATE, PropType.BOOL, PropType.INT


@dataclass(frozen=True)
class NodeKind:
    name: str
    key: str
    properties: dict[str, PropType]
    doc: str = ""

    @property
    def columns(self) -> list[str]:
        return [self.key, *self.properties]


@dataclass(frozen=True)
class EdgeKind:
    """An edge kind, with the words it is told in: the explorer, the screening findings and the
    credit report all read them here, so an edge kind is named the same everywhere."""

    name: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, PropType] = field(default_factory=dict)
    doc: str = ""
    # Required (keyword-only), so that no edge kind can be declared without its words.
    label_zh: str = field(kw_only=True)  # its short name, written on a drawn edge: 持股
    label_en: str = field(kw_only=True)  # the same in English, beside it in a legend: holds
    verb_zh: str = field(kw_only=True)  # what the source does, in a sentence: 任法定代表人
    reverse_zh: str = field(kw_only=True)  # the source as seen from the target: 股东

    @property
    def columns(self) -> list[str]:
        return ["eid", *self.properties]

    @property
    def caption(self) -> str:
        """Both names, as the explorer's legend and hover texts show them: 持股 holds."""
        return f"{self.label_zh} {self.label_en}"


class OrgType(StrEnum):
    """企业 and the 非企业法人 of the three registers (002 "三库")."""

    ENTERPRISE = "enterprise"
    INDIVIDUAL_BUSINESS = "individual_business"
    PUBLIC_INSTITUTION = "public_institution"
    SOCIAL_ORGANISATION = "social_organisation"
    GOVERNMENT = "government"
    OTHER = "other"


class EnterpriseStatus(StrEnum):
    ACTIVE = "active"  # 存续/在业
    REVOKED = "revoked"  # 吊销
    DEREGISTERED = "deregistered"  # 注销
    MOVED_OUT = "moved_out"  # 迁出


class RecordKind(StrEnum):
    """The kinds of credit record of REQUIREMENTS §B."""

    BLACKLIST = "blacklist"  # 严重失信主体名单 (004 §8)
    JUDGMENT_DEBTOR = "judgment_debtor"  # 失信被执行人 (000 §17, 004 §16)
    ADMIN_PENALTY = "admin_penalty"  # 行政处罚 (双公示)
    ADMIN_LICENCE = "admin_licence"  # 行政许可 (双公示)
    ABNORMAL_OPERATION = "abnormal_operation"  # 经营异常名录
    TAX_CREDIT = "tax_credit"  # 纳税信用等级 A–D (level column)
    PROCUREMENT_BAD_CONDUCT = "procurement_bad_conduct"  # 政府采购严重违法失信行为记录 (001, 002)
    RED_LIST = "red_list"  # 守信联合激励红名单 (004 §7)


class RecordStatus(StrEnum):
    ACTIVE = "active"
    UNDER_OBJECTION = "under_objection"
    CORRECTED = "corrected"
    REVOKED = "revoked"
    REPAIRED = "repaired"
    EXPIRED = "expired"


class ProjectKind(StrEnum):
    INVESTMENT = "investment"  # 招商引资项目
    PROCUREMENT = "procurement"  # 政府采购
    BIDDING = "bidding"  # 招标投标
    CONSTRUCTION = "construction"  # 工程建设


class Role(StrEnum):
    """Office roles on SERVES_AS; the legal representative has an edge kind of its own."""

    LEGAL_REP = "legal_rep"  # 法定代表人 -> LEGAL_REP_OF
    PRINCIPAL = "principal"  # 主要负责人
    CHAIR = "chair"  # 董事长
    DIRECTOR = "director"  # 董事
    SUPERVISOR = "supervisor"  # 监事
    MANAGER = "manager"  # 经理 / 高级管理人员
    FINANCE_HEAD = "finance_head"  # 财务负责人


NODE_KINDS: dict[str, NodeKind] = {
    k.name: k
    for k in (
        NodeKind(
            "Enterprise",
            "uscc",
            {
                "name": S,
                "org_type": S,
                "status": S,
                "established": D,
                "registered_capital": F,  # 万元
                "region_code": S,
                "industry": S,
                "address": S,
                "phone": S,
            },
            "Every legal person or organisation, keyed by its 统一社会信用代码.",
        ),
        NodeKind(
            "Person",
            "pkey",
            {
                "name": S,
                "id_masked": S,
                "source_ref": S,
            },
            "A natural person; pkey is a keyed hash, the raw ID number is never stored.",
        ),
        NodeKind(
            "Project",
            "code",
            {
                "name": S,
                "kind": S,
                "region_code": S,
                "status": S,
                "started": D,
                "ended": D,
                "outcome": S,
            },
        ),
        NodeKind(
            "CreditRecord",
            "record_id",
            {
                "kind": S,
                "category": S,
                "level": S,
                "authority": S,
                "basis": S,
                "act_date": D,
                "decision_date": D,
                "valid_until": D,
                "repairable": B,
                "status": S,
                "monitoring_months": N,
                "summary": S,
            },
        ),
    )
}

_TIMED = {"since": D, "until": D}

# The fields of a credit record, in model order: what a record row carries wherever it is read.
RECORD_FIELDS: tuple[str, ...] = tuple(NODE_KINDS["CreditRecord"].columns)
# Statuses of a record that was wrong (更正, 撤销): it never counted, on any date.
VOID_STATUSES: tuple[str, ...] = (RecordStatus.CORRECTED.value, RecordStatus.REVOKED.value)
# Record events a bundle load appends. `source_status`: the source gave a loaded record another
# status, a transition that, like a status loaded with the record, does not date its end (the
# source gives no date). The corrections explain a changed subject, named persons or kind and
# change no status: the derivation reads past them.
SOURCE_STATUS_ACTION = "source_status"
CORRECTION_ACTIONS: tuple[str, ...] = ("subject_corrected", "responsible_corrected", "kind_corrected")

EDGE_KINDS: dict[str, EdgeKind] = {
    k.name: k
    for k in (
        EdgeKind(
            "HOLDS",
            (("Person", "Enterprise"), ("Enterprise", "Enterprise")),
            {"ratio": F, "ratio_derived": B, "subscribed_capital": F, **_TIMED},
            label_zh="持股",
            label_en="holds",
            verb_zh="持股",
            reverse_zh="股东",
        ),
        EdgeKind(
            "LEGAL_REP_OF",
            (("Person", "Enterprise"),),
            {"role": S, **_TIMED},
            label_zh="法定代表人",
            label_en="legal rep.",
            verb_zh="任法定代表人",
            reverse_zh="法定代表人",
        ),
        EdgeKind(
            "SERVES_AS",
            (("Person", "Enterprise"),),
            {"role": S, **_TIMED},
            label_zh="任职",
            label_en="office",
            verb_zh="任职",
            reverse_zh="任职人员",
        ),
        EdgeKind(
            "SUBJECT_OF",
            (("Enterprise", "CreditRecord"), ("Person", "CreditRecord")),
            {},
            label_zh="信用主体",
            label_en="subject of",
            verb_zh="为信用主体",
            reverse_zh="信用主体",
        ),
        EdgeKind(
            "RESPONSIBLE_FOR",
            (("Person", "CreditRecord"),),
            {},
            label_zh="责任人",
            label_en="responsible for",
            verb_zh="负有直接责任",
            reverse_zh="直接责任人员",
        ),
        EdgeKind(
            "PARTICIPATES_IN",
            (("Enterprise", "Project"),),
            {"role": S},
            label_zh="参与项目",
            label_en="project",
            verb_zh="参与",
            reverse_zh="参与企业",
        ),
        EdgeKind(
            "GUARANTEES",
            (("Enterprise", "Enterprise"), ("Person", "Enterprise")),
            {"amount": F, **_TIMED},
            label_zh="担保",
            label_en="guarantees",
            verb_zh="担保",
            reverse_zh="担保人",
        ),
        EdgeKind(
            "BRANCH_OF",
            (("Enterprise", "Enterprise"),),
            {},
            label_zh="分支机构",
            label_en="branch of",
            verb_zh="隶属",
            reverse_zh="分支机构",
        ),
    )
}


# Derived kinds: facts the platform computes and keeps (restrictions, lifecycle events, department
# reports). They are part of the schema but never of the CSV bundle, so the loader, which iterates
# NODE_KINDS and EDGE_KINDS, never sees them; `graph_credit.punishment` writes them.
DERIVED_NODE_KINDS: dict[str, NodeKind] = {
    k.name: k
    for k in (
        NodeKind(
            "Restriction",
            "rid",
            {
                "target_kind": S,
                "target_key": S,
                "target_name": S,
                "measure_code": S,
                "measure_name": S,
                "means": S,
                "departments": S,  # "; "-joined
                "measure_basis": S,
                "bars_office": B,
                "record_id": S,
                "record_kind": S,
                "record_status": S,
                "record_authority": S,
                "role": S,
                "office": S,  # the role as written on the edge (chair for a director target)
                "via_enterprise": S,
                "role_edge": S,
                "role_since": D,
                "role_until": D,
                "role_date": D,
                "role_date_source": S,  # act_date | decision_date (fallback)
                "from_date": D,
                "to_date": D,  # last day in force (inclusive); empty: open
                "suspended": S,  # "from/to;from/" intervals (to exclusive; empty: open)
                "final_state": S,  # withdrawn | ended, or empty
                "final_since": D,
                "final_reason": S,
                # Not derived: the day its departments were told (the first propagation or rebuild
                # that found it in force); carried over each time the row is derived again.
                "pushed_on": D,
            },
            "A joint-punishment measure applied to one target because of one record (derived).",
        ),
        NodeKind(
            "RecordEvent",
            "event_id",
            {
                "record_id": S,
                "seq": N,
                "action": S,
                "from_status": S,
                "to_status": S,
                "actor": S,
                "on_date": D,
                "basis": S,
                "note": S,
                "recorded_at": S,
            },
            "One lifecycle transition of a credit record; append-only.",
        ),
        NodeKind(
            "Correction",
            "correction_id",
            {
                "action": S,  # superseded (a later row said otherwise) | withdrawn (the row never held)
                "edge": S,  # the edge kind of the row, e.g. HOLDS
                "eid": S,
                "src": S,
                "dst": S,
                "was": S,  # the row's properties as they were, `name=value; ...`
                "by": S,  # the load that ended it (and the source it came from)
                "authority": S,
                "on_date": D,
                "reason": S,
                "recorded_at": S,
            },
            "One bundle row a later load superseded or withdrew: the edge as it was, who ended it,"
            " when and why (append-only; the edge itself is gone from every answer).",
        ),
        NodeKind(
            "Task",
            "task_id",
            {
                "restriction_id": S,
                "record_id": S,
                "measure_code": S,
                "target_kind": S,
                "target_key": S,
                "target_name": S,
                "department": S,
                "created_on": D,
                "answered_on": D,
                "answered_by": S,
                "action": S,
            },
            "One implementing department's report on a pushed restriction (004 §24). The pushed,"
            " unanswered tasks are the restrictions' departments; a node is written when one answers.",
        ),
    )
}

DERIVED_EDGE_KINDS: dict[str, EdgeKind] = {
    k.name: k
    for k in (
        EdgeKind(
            "RESTRICTS",
            (("Restriction", "Person"), ("Restriction", "Enterprise")),
            {},
            label_zh="限制",
            label_en="restricts",
            verb_zh="限制",
            reverse_zh="惩戒措施",
        ),
        EdgeKind(
            "ARISES_FROM",
            (("Restriction", "CreditRecord"),),
            {},
            label_zh="依据",
            label_en="arises from",
            verb_zh="依据",
            reverse_zh="惩戒措施",
        ),
        EdgeKind(
            "HAS_EVENT",
            (("CreditRecord", "RecordEvent"),),
            {},
            label_zh="记录变更",
            label_en="has event",
            verb_zh="发生",
            reverse_zh="信用记录",
        ),
        EdgeKind(
            "TASK_OF",
            (("Task", "CreditRecord"),),
            {},
            label_zh="部门反馈",
            label_en="task of",
            verb_zh="反馈",
            reverse_zh="部门反馈",
        ),
    )
}


def node_kind(name: str) -> NodeKind:
    try:
        return NODE_KINDS[name]
    except KeyError:
        raise ValueError(f"unknown node kind {name!r}") from None


def edge_kind(name: str) -> EdgeKind:
    try:
        return EDGE_KINDS[name]
    except KeyError:
        raise ValueError(f"unknown edge kind {name!r}") from None
