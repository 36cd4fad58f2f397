// purpose: read every column of the CreditRecord table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:CreditRecord)
RETURN count(n.record_id) AS record_id, count(n.kind) AS kind, count(n.category) AS category, count(n.level) AS level, count(n.authority) AS authority, count(n.basis) AS basis, count(n.act_date) AS act_date, count(n.decision_date) AS decision_date, count(n.valid_until) AS valid_until, count(n.repairable) AS repairable, count(n.status) AS status, count(n.monitoring_months) AS monitoring_months, count(n.summary) AS summary
