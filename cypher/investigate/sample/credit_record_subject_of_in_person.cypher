// purpose: up to $limit SUBJECT_OF edges into one CreditRecord from Person nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:CreditRecord {record_id: $key})<-[r:SUBJECT_OF]-(m:Person)
RETURN r.eid AS eid, m.pkey AS key
LIMIT $limit
