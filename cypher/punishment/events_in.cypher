// purpose: the lifecycle events of the given records
// mode: read
// params: ids
UNWIND $ids AS id
MATCH (c:CreditRecord {record_id: id})-[:HAS_EVENT]->(v:RecordEvent)
RETURN v.record_id AS record_id, v.seq AS seq, v.action AS action, v.on_date AS on_date, v.from_status AS from_status, v.to_status AS to_status
