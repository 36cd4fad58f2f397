// purpose: the credit records whose subject is one enterprise (a direct key lookup)
// mode: read
// params: key
MATCH (e:Enterprise {uscc: $key})-[:SUBJECT_OF]->(r:CreditRecord)
RETURN e.uscc AS holder, 'subject' AS relation, r.record_id AS record_id, r.kind AS kind, r.category AS category, r.level AS level,
       r.authority AS authority, r.basis AS basis, r.act_date AS act_date,
       r.decision_date AS decision_date, r.valid_until AS valid_until, r.repairable AS repairable,
       r.status AS status, r.monitoring_months AS monitoring_months, r.summary AS summary
