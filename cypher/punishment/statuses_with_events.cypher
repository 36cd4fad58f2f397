// purpose: the cached status of every record that has lifecycle events
// mode: read
// params:
MATCH (c:CreditRecord)
WHERE EXISTS { MATCH (c)-[:HAS_EVENT]->(:RecordEvent) }
RETURN c.record_id AS record_id, c.status AS status, c.valid_until AS valid_until
