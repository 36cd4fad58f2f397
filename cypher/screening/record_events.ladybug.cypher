// purpose: the lifecycle events of the given credit records (objections, decisions, repairs, expiries)
// mode: read
// params: keys
// Node-only MATCH on the key first: a primary-key lookup per row (see records_of_enterprises).
UNWIND $keys AS k
MATCH (c:CreditRecord {record_id: k})
OPTIONAL MATCH (c)-[:HAS_EVENT]->(v:RecordEvent)
WITH c, v
WHERE v IS NOT NULL
RETURN c.record_id AS record_id, v.seq AS seq, v.action AS action, v.from_status AS from_status,
       v.to_status AS to_status, v.on_date AS on_date
