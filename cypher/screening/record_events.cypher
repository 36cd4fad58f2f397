// purpose: the lifecycle events of the given credit records (objections, decisions, repairs, expiries)
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (c:CreditRecord {record_id: k})-[:HAS_EVENT]->(v:RecordEvent)
RETURN c.record_id AS record_id, v.seq AS seq, v.action AS action, v.from_status AS from_status,
       v.to_status AS to_status, v.on_date AS on_date
