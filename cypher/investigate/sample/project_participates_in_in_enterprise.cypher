// purpose: up to $limit PARTICIPATES_IN edges into one Project from Enterprise nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Project {code: $key})<-[r:PARTICIPATES_IN]-(m:Enterprise)
RETURN r.eid AS eid, r.role AS role, m.uscc AS key
LIMIT $limit
