"""The words a finding is told in (Chinese, as the report and the seeds are)."""

from __future__ import annotations

from graph_credit.model import EDGE_KINDS
from graph_credit.screening.models import RecordEvidence, RestrictionEvidence

ROLE = {
    "legal_rep": "法定代表人",
    "principal": "主要负责人",
    "chair": "董事长",
    "director": "董事",
    "supervisor": "监事",
    "manager": "高级管理人员",
    "finance_head": "财务负责人",
    "controller": "实际控制人",
    "beneficial_owner": "受益所有人",
    "officer": "任职人员",
}
KIND = {
    "blacklist": "严重失信主体名单",
    "judgment_debtor": "失信被执行人",
    "admin_penalty": "行政处罚",
    "admin_licence": "行政许可",
    "abnormal_operation": "经营异常名录",
    "tax_credit": "纳税信用等级",
    "procurement_bad_conduct": "政府采购严重违法失信行为记录",
    "red_list": "红名单",
}
STATE = {
    "active": "有效",
    "under_objection": "异议处理中",
    "history": "历史记录",
    "void": "已撤销/已更正",
    "future": "尚未认定",
}
STATUS = {
    "active": "有效",
    "under_objection": "异议处理中",
    "corrected": "已更正",
    "revoked": "已撤销",
    "repaired": "已修复",
    "expired": "已过期",
}
# How a person is tied to another enterprise (the edges of screening/person_ties), in the edge
# kinds' own words: 任法定代表人, 任职, 持股.
EDGE = {k: EDGE_KINDS[k].verb_zh for k in ("LEGAL_REP_OF", "SERVES_AS", "HOLDS")}
#: A direct holder of the candidate, as the report's picture names it (股东).
SHAREHOLDER = EDGE_KINDS["HOLDS"].reverse_zh
VERDICT = {"green_channel": "绿色通道", "pass": "通过", "caution": "审慎", "reject": "不予通过"}
OBJECTION = "异议处理中：核查期间暂停计分（004 §27），核查结论作出后按结论处理"


def role(r: str | None) -> str:
    return ROLE.get(r or "", r or "")


def record(r: RecordEvidence) -> str:
    what = KIND.get(r.kind or "", r.kind or "记录")
    if r.kind == "tax_credit" and r.level:
        what += f" {r.level} 级"
    if r.category:
        what += f"（{r.category}）"
    parts = [f"{what} {r.record_id}"]
    if r.authority:
        parts.append(r.authority)
    if r.decision_date:
        parts.append(f"{r.decision_date.isoformat()} 认定")
    if r.valid_until:
        parts.append(f"有效期至 {r.valid_until.isoformat()}")
    if r.state == "history":
        parts.append(f"{STATUS.get(r.status or '', r.status or '')}，作为历史记录")
        if r.monitored_until:
            parts.append(
                f"重点监管期至 {r.monitored_until.isoformat()}"
                + ("（认定部门未设定期限，按措施清单默认期限）" if r.monitoring_default else "")
            )
    elif r.state == "under_objection":
        parts.append("异议处理中")
    if r.relation == "responsible":
        parts.append("被列为直接责任人员")
    return "，".join(parts)


ORG_TYPE = {
    "enterprise": "企业",
    "individual_business": "个体工商户",
    "public_institution": "事业单位",
    "social_organisation": "社会组织",
    "government": "机关",
    "other": "其他",
}
ENT_STATUS = {"active": "存续", "revoked": "吊销", "deregistered": "注销", "moved_out": "迁出"}


def restrictions(items: list[RestrictionEvidence], names: dict[str, str] | None = None) -> str:
    """Restrictions grouped by the record that triggered them: the record, how it reaches the
    subject, and the measures (the first few named)."""
    by_record: dict[str, list[RestrictionEvidence]] = {}
    for i in items:
        by_record.setdefault(i.record_id or i.restriction_id, []).append(i)
    parts = []
    for rid, group in by_record.items():
        first = group[0]
        how = {"subject": "本主体为记录主体", "responsible": "被列为直接责任人员"}.get(first.role or "", "")
        if not how:
            via = (names or {}).get(first.via_enterprise or "", first.via_enterprise)
            how = f"为 {via} 的{ROLE.get(first.role or '', first.role or '相关人员')}"
        measures = "、".join(dict.fromkeys(i.measure_name or i.measure_code or "" for i in group))
        kind = KIND.get(first.record_kind or "", first.record_kind or "记录")
        parts.append(f"因{kind} {rid}（{how}）受 {len(group)} 项联合惩戒措施：{measures}")
    return "；".join(parts)
