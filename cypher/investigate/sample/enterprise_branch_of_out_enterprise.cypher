// purpose: up to $limit BRANCH_OF edges from one Enterprise to Enterprise nodes (hub samples)
// mode: read
// params: key, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})-[r:BRANCH_OF]->(m:Enterprise)
RETURN r.eid AS eid, m.uscc AS key
LIMIT $limit
