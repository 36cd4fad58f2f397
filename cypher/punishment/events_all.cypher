// purpose: every lifecycle event of every record
// mode: read
// params:
MATCH (c:CreditRecord)-[:HAS_EVENT]->(v:RecordEvent)
RETURN v.record_id AS record_id, v.seq AS seq, v.action AS action, v.on_date AS on_date, v.from_status AS from_status, v.to_status AS to_status
