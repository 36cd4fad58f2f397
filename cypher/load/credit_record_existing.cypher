// purpose: every stored CreditRecord, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:CreditRecord)
RETURN n.record_id AS key, n.kind AS kind, n.category AS category, n.level AS level, n.authority AS authority, n.basis AS basis, n.act_date AS act_date, n.decision_date AS decision_date, n.valid_until AS valid_until, n.repairable AS repairable, n.status AS status, n.monitoring_months AS monitoring_months, n.summary AS summary
