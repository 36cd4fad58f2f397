// purpose: up to $limit PARTICIPATES_IN edges from one Enterprise to Project nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})-[r:PARTICIPATES_IN]->(m:Project)
RETURN r.eid AS eid, r.role AS role, m.code AS key
LIMIT $limit
