// purpose: up to $limit SUBJECT_OF edges from one Person to CreditRecord nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Person {pkey: $key})-[r:SUBJECT_OF]->(m:CreditRecord)
RETURN r.eid AS eid, m.record_id AS key
LIMIT $limit
