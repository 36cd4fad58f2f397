// purpose: bulk-insert new CreditRecord nodes
// mode: write
// params: rows
// touches: CreditRecord
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
CREATE (n:CreditRecord {record_id: r.record_id, kind: r.kind, category: r.category, level: r.level, authority: r.authority, basis: r.basis, act_date: r.act_date, decision_date: r.decision_date, valid_until: r.valid_until, repairable: r.repairable, status: r.status, monitoring_months: r.monitoring_months, summary: r.summary})
