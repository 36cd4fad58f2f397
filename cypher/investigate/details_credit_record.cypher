// purpose: display fields of the given credit records by record id
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (n:CreditRecord {record_id: k})
RETURN n.record_id AS key, n.kind AS subkind, n.status AS status, n.category AS category,
       n.level AS level, n.authority AS authority, n.decision_date AS decision_date,
       n.valid_until AS valid_until, n.summary AS summary
