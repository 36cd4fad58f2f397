// purpose: set records' cached status to what their history says (rebuild)
// mode: write
// params: frame
// touches: CreditRecord.status
LOAD FROM $frame
MATCH (c:CreditRecord {record_id: record_id})
SET c.status = status
