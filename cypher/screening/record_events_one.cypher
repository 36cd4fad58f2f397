// purpose: the lifecycle events of one credit record (a direct key lookup)
// mode: read
// params: key
MATCH (c:CreditRecord {record_id: $key})-[:HAS_EVENT]->(v:RecordEvent)
RETURN c.record_id AS record_id, v.seq AS seq, v.action AS action, v.from_status AS from_status,
       v.to_status AS to_status, v.on_date AS on_date
