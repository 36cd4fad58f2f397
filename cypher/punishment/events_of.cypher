// purpose: the lifecycle events of one record, oldest first
// mode: read
// params: record_id
MATCH (c:CreditRecord {record_id: $record_id})-[:HAS_EVENT]->(v:RecordEvent)
RETURN v.event_id AS event_id, v.record_id AS record_id, v.seq AS seq, v.action AS action, v.from_status AS from_status, v.to_status AS to_status, v.actor AS actor, v.on_date AS on_date, v.basis AS basis, v.note AS note, v.recorded_at AS recorded_at
ORDER BY v.seq
