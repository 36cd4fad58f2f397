// purpose: update changed CreditRecord nodes in place
// mode: write
// params: rows
// touches: CreditRecord
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (n:CreditRecord {record_id: r.record_id})
SET n.kind = r.kind, n.category = r.category, n.level = r.level, n.authority = r.authority, n.basis = r.basis, n.act_date = r.act_date, n.decision_date = r.decision_date, n.valid_until = r.valid_until, n.repairable = r.repairable, n.status = r.status, n.monitoring_months = r.monitoring_months, n.summary = r.summary
