// purpose: update changed CreditRecord nodes in place
// mode: write
// params: frame
// touches: CreditRecord
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (n:CreditRecord {record_id: record_id})
SET n.kind = kind, n.category = category, n.level = level, n.authority = authority, n.basis = basis, n.act_date = act_date, n.decision_date = decision_date, n.valid_until = valid_until, n.repairable = repairable, n.status = status, n.monitoring_months = monitoring_months, n.summary = summary
