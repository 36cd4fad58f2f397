// purpose: append a lifecycle event to a record and set the record's status to its outcome
// mode: write
// params: record_id, event_id, seq, action, from_status, to_status, actor, on_date, basis, note, recorded_at
// touches: CreditRecord.status, RecordEvent, HAS_EVENT
// The record's key and new status are returned: the topology index patches itself with them.
MATCH (c:CreditRecord {record_id: $record_id})
CREATE (c)-[:HAS_EVENT {eid: $event_id}]->(v:RecordEvent {event_id: $event_id, record_id: $record_id, seq: $seq, action: $action, from_status: $from_status, to_status: $to_status, actor: $actor, on_date: $on_date, basis: $basis, note: $note, recorded_at: $recorded_at})
SET c.status = $to_status
RETURN v.event_id AS event_id, c.record_id AS record_id, c.status AS status
