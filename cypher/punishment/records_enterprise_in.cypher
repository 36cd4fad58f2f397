// purpose: the given credit records of the given kinds whose subject is an enterprise, for re-deriving them
// mode: read
// params: ids, kinds, level_kinds, levels
UNWIND $ids AS id
MATCH (s:Enterprise)-[:SUBJECT_OF]->(c:CreditRecord {record_id: id})
WHERE c.kind IN $kinds AND (NOT c.kind IN $level_kinds OR c.level IN $levels)
RETURN c.record_id AS record_id, c.kind AS kind, c.category AS category, c.level AS level, c.authority AS authority, c.basis AS basis, c.act_date AS act_date, c.decision_date AS decision_date, c.valid_until AS valid_until, c.repairable AS repairable, c.status AS status, c.monitoring_months AS monitoring_months,
       'Enterprise' AS subject_kind, s.uscc AS subject_key, s.name AS subject_name
