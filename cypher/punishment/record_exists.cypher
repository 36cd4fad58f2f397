// purpose: whether a record id is taken
// mode: read
// params: record_id
MATCH (c:CreditRecord {record_id: $record_id})
RETURN c.record_id AS record_id
