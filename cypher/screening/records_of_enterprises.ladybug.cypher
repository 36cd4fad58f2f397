// purpose: the credit records whose subject is one of the given enterprises
// mode: read
// params: keys
// The node-only MATCH on the key is planned as a primary-key lookup per row; a pattern with the
// edge in the same MATCH becomes a hash join over every SUBJECT_OF edge (see ownership/holders_of).
UNWIND $keys AS k
MATCH (e:Enterprise {uscc: k})
OPTIONAL MATCH (e)-[:SUBJECT_OF]->(r:CreditRecord)
WITH e, r
WHERE r IS NOT NULL
RETURN e.uscc AS holder, 'subject' AS relation, r.record_id AS record_id, r.kind AS kind, r.category AS category, r.level AS level,
       r.authority AS authority, r.basis AS basis, r.act_date AS act_date,
       r.decision_date AS decision_date, r.valid_until AS valid_until, r.repairable AS repairable,
       r.status AS status, r.monitoring_months AS monitoring_months, r.summary AS summary
