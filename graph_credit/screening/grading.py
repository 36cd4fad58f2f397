"""From evidence to findings, grade and verdict, by the rules of the policy file.

Each rule names a scope; the scope gives the nodes it looks at (with how each relates to the
candidate); at each node the rule matches records (kind, category, level, state on the check
date) or restrictions; each match is a finding carrying the rule, the records, the path from the
candidate and its weight. Records under objection make a finding of their own whose weight is
suspended and whose wording says so; history (expired or repaired) records only match rules that
ask for history, and fade with the recency half-life.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from graph_credit.investigate import EdgeRef, NodeRef, Path
from graph_credit.screening import records as rec
from graph_credit.screening import wording as w
from graph_credit.screening.evidence import Evidence, extend
from graph_credit.screening.models import Finding, Incentive, RecordEvidence, RestrictionEvidence
from graph_credit.screening.policy import GRADES, VERDICTS, Grade, Policy, Rule, Verdict


@dataclass
class Target:
    node: NodeRef
    relation: str
    path: Path
    share: float | None = None
    role: str | None = None


def _targets(ev: Evidence, rule: Rule, policy: Policy) -> Iterator[Target]:
    own = ev.ownership
    scope = rule.scope
    if scope == "subject":
        yield Target(ev.ref, "本企业", ev.path_to(ev.ref.key))
    elif scope == "holder":
        floor = max(rule.min_share, policy.limits.holder_min_share)
        for o in own.effective.owners:
            share = o.share if o.share is not None else o.direct
            if o.party.key in ev.holder_keys and share + 1e-12 >= floor:
                yield Target(
                    ev.refs[o.party.key],
                    f"股东（综合持股 {share:.1%}，直接持股 {o.direct:.1%}）",
                    ev.path_to(o.party.key),
                    share=share,
                )
    elif scope == "controller":
        c = own.controller
        if c.controller is not None and c.controller.key != ev.ref.key:
            share = f"控制 {c.control:.1%}" if c.control is not None else "控制"
            yield Target(ev.refs[c.controller.key], f"实际控制人（{share}）", ev.path_to(c.controller.key))
    elif scope == "beneficial_owner":
        for b in own.beneficial.owners:
            yield Target(
                ev.refs[b.party.key], f"受益所有人（{b.share:.1%}）", ev.path_to(b.party.key), share=b.share
            )
    elif scope in ("legal_rep", "executive"):
        for o in ev.officers:
            if (o.role == "legal_rep") != (scope == "legal_rep"):
                continue
            if rule.roles and o.role not in rule.roles:
                continue
            yield Target(o.person, w.role(o.role), ev.path_to(o.person.key), role=o.role)
    elif scope == "related":
        seen: set[str] = set()
        for t in ev.ties:
            if rule.roles and t.person_role not in rule.roles:
                continue
            if t.enterprise.key in seen or t.enterprise.key in ev.holder_keys:
                continue
            seen.add(t.enterprise.key)
            how = w.EDGE.get(t.edge, t.edge)
            if t.edge == "HOLDS" and t.ratio is not None:
                how += f" {t.ratio:.1%}"
            elif t.edge == "SERVES_AS":
                how += f"（{w.role(t.role)}）"
            yield Target(
                t.enterprise,
                f"{w.role(t.person_role)} {t.person.name or t.person.key} {how}的其他企业",
                ev.path_to(t.enterprise.key),
            )
    elif scope == "outbound":
        for o in ev.outbound:
            if o.ratio + 1e-12 >= rule.min_share:
                yield Target(
                    o.enterprise, f"对外投资企业（持股 {o.ratio:.1%}）", ev.path_to(o.enterprise.key)
                )
    elif scope == "guarantee_circle" and ev.circles is not None:
        seen = set()
        for c in ev.circles.cycles:
            for n in c.nodes:
                if n.key != ev.ref.key and n.key not in seen:
                    seen.add(n.key)
                    yield Target(n, f"担保圈成员（圈长 {len(c.edges)}）", c)
    elif scope == "guarantee_chain" and ev.chains is not None:
        for n in ev.chains.nodes:
            side = "为本企业提供担保" if n.direction == "up" else "接受本企业担保"
            yield Target(n, f"担保链上的主体（{side}，第 {n.depth} 层）", ev.path_to(n.key))


def _matches(r: RecordEvidence, rule: Rule, node: NodeRef, as_of: dt.date) -> bool:
    if r.state not in rule.states:
        return False
    if rule.monitoring and not rec.under_monitoring(r, as_of):
        return False
    if rule.kinds and r.kind not in rule.kinds:
        return False
    if rule.categories and r.category not in rule.categories:
        return False
    if rule.levels and (r.level or "") not in rule.levels:
        return False
    # an enterprise answers for records it is the subject of; a person also for those naming it responsible
    return r.relation == "subject" or node.kind == "Person"


def _record_path(path: Path, holder: NodeRef, r: RecordEvidence) -> Path:
    node = NodeRef(kind="CreditRecord", key=r.record_id, subkind=r.kind, status=r.status, name=r.authority)
    edge = EdgeRef(
        kind="SUBJECT_OF" if r.relation == "subject" else "RESPONSIBLE_FOR",
        src_kind=holder.kind,
        src=holder.key,
        dst_kind="CreditRecord",
        dst=r.record_id,
    )
    return extend(path, node, edge)


def _finding(
    rule: Rule,
    t: Target,
    *,
    weight: float,
    suspended: bool,
    history: bool,
    detail: str,
    path: Path,
    records: list[RecordEvidence] | None = None,
    restrictions: list[RestrictionEvidence] | None = None,
) -> Finding:
    who = f"{t.relation} {t.node.name or t.node.key}" if t.relation != "本企业" else "本企业"
    text = f"{rule.title}：{who}，{detail}"
    if suspended:
        text = f"{rule.title}（{w.OBJECTION}）：{who}，{detail}"
    return Finding(
        rule=rule.id,
        title=rule.title,
        scope=rule.scope,
        subject=t.node,
        relation=t.relation,
        records=records or [],
        restrictions=restrictions or [],
        path=path,
        base_weight=rule.weight,
        weight=0.0 if suspended else weight,
        suspended=suspended,
        history=history,
        min_grade=None if suspended or history else rule.min_grade,
        min_verdict=None if suspended or history else rule.min_verdict,
        text=text,
    )


def _rule_findings(ev: Evidence, rule: Rule, policy: Policy) -> list[Finding]:
    out: list[Finding] = []
    if rule.scope == "project":
        for p in ev.projects:
            if p.outcome not in rule.outcomes or (rule.roles and p.role not in rule.roles):
                continue
            t = Target(p.project, f"参与项目（{p.role or '参与'}）", ev.path_to(p.project.key))
            detail = f"项目 {p.project.name or p.project.key} {p.status or ''}，结果：{p.outcome}"
            out.append(
                _finding(
                    rule, t, weight=rule.weight, suspended=False, history=False, detail=detail, path=t.path
                )
            )
        return out
    for t in _targets(ev, rule, policy):
        if rule.restricted:
            items = ev.restrictions.get(t.node.key, [])
            for suspended in (False, True):
                group = [i for i in items if (i.state == "suspended") == suspended]
                if not group:
                    continue
                names = w.restrictions(group, {k: n.name or k for k, n in ev.refs.items()})
                out.append(
                    _finding(
                        rule,
                        t,
                        weight=rule.weight,
                        suspended=suspended,
                        history=False,
                        detail=names,
                        path=t.path,
                        restrictions=group,
                    )
                )
            continue
        matched = [r for r in ev.records.get(t.node.key, []) if _matches(r, rule, t.node, ev.as_of)]
        for suspended in (False, True):
            group = [r for r in matched if (r.state == "under_objection") == suspended]
            if not group:
                continue
            history = all(r.state == "history" for r in group)
            fade = max(rec.fade(r, ev.as_of, policy) for r in group) if rule.recency else 1.0
            if history and fade == 0.0:
                continue  # past the horizon: no longer part of the picture
            out.append(
                _finding(
                    rule,
                    t,
                    weight=rule.weight * fade,
                    suspended=suspended,
                    history=history,
                    detail="；".join(w.record(r) for r in group),
                    path=_record_path(t.path, t.node, group[0]),
                    records=group,
                )
            )
    if rule.cap is not None:
        left = rule.cap
        for f in sorted(out, key=lambda f: -f.weight):
            f.weight = min(f.weight, left)
            left -= f.weight
    return out


def _evidence_ids(f: Finding) -> frozenset[str]:
    return frozenset(r.record_id for r in f.records) | frozenset(x.restriction_id for x in f.restrictions)


def findings(ev: Evidence, policy: Policy) -> list[Finding]:
    out: list[Finding] = []
    for rule in policy.rules:
        out += _rule_findings(ev, rule, policy)
    out.sort(key=lambda f: (f.suspended, -f.weight, f.rule, f.subject.key))
    # The same evidence met by two rules (a person both legal rep and shareholder) weighs once, in
    # the heavier finding; the other stays in the report, saying so. Key monitoring after exit is
    # a consequence of its own, not the record counted again.
    monitoring = {r.id for r in policy.rules if r.monitoring}
    counted: dict[str, str] = {}
    for f in out:
        if f.rule in monitoring:
            continue
        ids = _evidence_ids(f)
        if f.weight > 0 and ids and ids <= counted.keys():
            f.text += f"（同一证据已按规则 {counted[next(iter(sorted(ids)))]} 计分）"
            f.weight = 0.0
        elif f.weight > 0:
            for i in ids:
                counted.setdefault(i, f.rule)
    return out


def incentive(ev: Evidence, policy: Policy) -> Incentive:
    own = ev.records.get(ev.ref.key, [])
    red = [r for r in own if r.kind == "red_list" and r.state == "active"]
    clean, since = rec.clean_since(own, ev.candidate.established, policy)
    years = None if since is None else max((ev.as_of - since).days, 0) / 365.25
    if not clean:
        reason = "有效或异议处理中的不良信用记录"
    elif since is None:
        reason = "无不良信用记录（成立日期不详）"
    else:
        reason = f"自 {since.isoformat()} 起无不良信用记录（{years:.1f} 年）"
    if red:
        reason += "；列入红名单 " + "、".join(r.record_id for r in red)
    return Incentive(
        red_list=bool(red),
        clean_since=since if clean else None,
        clean_years=years if clean else 0.0,
        reason=reason,
    )


class GreenChannelAnswer(Protocol):
    """What `decide` reads of the incentive lookup (graph_credit.punishment.incentive_status)."""

    green_channel: bool
    reason: str


def _worst(values: list[str], order: tuple[str, ...]) -> str:
    return max(values, key=order.index)


def argues_against_green_channel(f: Finding) -> bool:
    """A finding that weighs against the green channel beyond what the incentive lookup weighs:
    anything but the candidate's own past records (whose clean years the lookup counts)."""
    return f.weight > 0 and not (f.scope == "subject" and f.history)


def decide(
    found: list[Finding], inc: Incentive, policy: Policy, green: GreenChannelAnswer | None = None
) -> tuple[float, Grade, Verdict, str]:
    """Score, grade, verdict and why. With `green` (the incentive lookup's answer on the check
    date) the green channel is that answer's, unless a finding argues against it: one rule for
    `incentives` and `screen` (004 §11). Without it, the policy's own green-channel settings."""
    score = sum(f.weight for f in found)
    by_score = policy.grade_for(score)
    floors = [f.min_grade for f in found if f.min_grade]
    grade: Grade = _worst([by_score, *floors], GRADES)  # type: ignore[assignment]
    verdict: Verdict = policy.verdicts[grade]
    vfloors = [f.min_verdict for f in found if f.min_verdict]
    verdict = _worst([verdict, *vfloors], VERDICTS)  # type: ignore[assignment]
    why = [f"得分 {score:g}，对应 {by_score} 级"]
    if grade != by_score:
        rules = sorted(
            {f.rule for f in found if f.min_grade and GRADES.index(f.min_grade) > GRADES.index(by_score)}
        )
        why.append(f"规则 {', '.join(rules)} 使等级至少为 {grade}")
    if vfloors and verdict != policy.verdicts[grade]:
        rules = sorted({f.rule for f in found if f.min_verdict == verdict})
        why.append(f"规则 {', '.join(rules)} 使结论至少为 {w.VERDICT[verdict]}")
    g = policy.green_channel
    if green is not None:
        against = sorted({f.rule for f in found if argues_against_green_channel(f)})
        if green.green_channel and not against:
            verdict = "green_channel"
            why.append(f"可享绿色通道（激励查询：{green.reason}），且无其他不利发现（004 §11）")
        elif green.green_channel:
            why.append(
                f"激励查询可享绿色通道（{green.reason}），但发现 {', '.join(against)} 不支持：不享绿色通道"
            )
        else:
            why.append(f"不享绿色通道（激励查询：{green.reason}）")
    elif verdict == "pass" and grade in g.grades:
        years_ok = inc.clean_years is not None and inc.clean_years + 1e-9 >= g.clean_years
        if inc.clean_since is None and inc.clean_years is None:
            years_ok = False
        if inc.red_list and g.red_list:
            verdict = "green_channel"
            why.append("列入红名单，可享绿色通道（004 §11）")
        elif years_ok:
            verdict = "green_channel"
            why.append(f"连续 {g.clean_years:g} 年以上无不良信用记录，可享绿色通道（004 §11）")
        else:
            why.append(f"未满连续 {g.clean_years:g} 年无不良信用记录，不享绿色通道")
    suspended = [f for f in found if f.suspended]
    if suspended:
        why.append(f"{len(suspended)} 项发现因异议处理中暂停计分")
    return score, grade, verdict, "；".join(why)
