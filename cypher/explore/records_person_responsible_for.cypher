// purpose: credit records naming one person as a responsible person (joint punishment reaches them)
// mode: read
// params: key
MATCH (n:Person {pkey: $key})-[:RESPONSIBLE_FOR]->(r:CreditRecord)
RETURN r.record_id AS record_id, r.kind AS kind, r.level AS level, r.status AS status,
       r.decision_date AS decision_date, r.valid_until AS valid_until, 'responsible' AS relation
