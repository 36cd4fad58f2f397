// purpose: credit records one enterprise is the subject of, to mark it in the explorer
// mode: read
// params: key
MATCH (n:Enterprise {uscc: $key})-[:SUBJECT_OF]->(r:CreditRecord)
RETURN r.record_id AS record_id, r.kind AS kind, r.level AS level, r.status AS status,
       r.decision_date AS decision_date, r.valid_until AS valid_until, 'subject' AS relation
