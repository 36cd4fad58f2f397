// purpose: lifecycle events of every record of one enterprise
// mode: read
// params: key
MATCH (s:Enterprise {uscc: $key})-[:SUBJECT_OF]->(c:CreditRecord)-[:HAS_EVENT]->(v:RecordEvent)
RETURN v.record_id AS record_id, v.seq AS seq, v.action AS action, v.on_date AS on_date, v.from_status AS from_status, v.to_status AS to_status
