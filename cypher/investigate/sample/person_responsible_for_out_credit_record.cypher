// purpose: up to $limit RESPONSIBLE_FOR edges from one Person to CreditRecord nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Person {pkey: $key})-[r:RESPONSIBLE_FOR]->(m:CreditRecord)
RETURN r.eid AS eid, m.record_id AS key
LIMIT $limit
