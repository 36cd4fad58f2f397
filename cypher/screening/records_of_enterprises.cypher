// purpose: the credit records whose subject is one of the given enterprises
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (e:Enterprise {uscc: k})-[:SUBJECT_OF]->(r:CreditRecord)
RETURN e.uscc AS holder, 'subject' AS relation, r.record_id AS record_id, r.kind AS kind, r.category AS category, r.level AS level,
       r.authority AS authority, r.basis AS basis, r.act_date AS act_date,
       r.decision_date AS decision_date, r.valid_until AS valid_until, r.repairable AS repairable,
       r.status AS status, r.monitoring_months AS monitoring_months, r.summary AS summary
