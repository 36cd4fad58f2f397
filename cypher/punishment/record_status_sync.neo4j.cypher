// purpose: set records' cached status to what their history says (rebuild)
// mode: write
// params: rows
// touches: CreditRecord.status
UNWIND $rows AS r
MATCH (c:CreditRecord {record_id: r.record_id})
SET c.status = r.status
