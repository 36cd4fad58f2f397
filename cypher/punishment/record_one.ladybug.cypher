// purpose: one credit record with its subject, for propagation
// mode: read
// params: record_id
MATCH (s)-[:SUBJECT_OF]->(c:CreditRecord {record_id: $record_id})
RETURN c.record_id AS record_id, c.kind AS kind, c.category AS category, c.level AS level, c.authority AS authority, c.basis AS basis, c.act_date AS act_date, c.decision_date AS decision_date, c.valid_until AS valid_until, c.repairable AS repairable, c.status AS status, c.monitoring_months AS monitoring_months,
       label(s) AS subject_kind, coalesce(s.uscc, s.pkey) AS subject_key, s.name AS subject_name
