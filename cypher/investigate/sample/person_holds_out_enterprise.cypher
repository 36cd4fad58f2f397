// purpose: up to $limit HOLDS edges from one Person to Enterprise nodes in force in the period (hub samples)
// mode: read
// params: key, valid_from, valid_to, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Person {pkey: $key})-[r:HOLDS]->(m:Enterprise)
WHERE (r.since IS NULL OR r.since <= $valid_to) AND (r.until IS NULL OR r.until >= $valid_from)
RETURN r.eid AS eid, r.ratio AS ratio, r.since AS since, r.until AS until, m.uscc AS key
LIMIT $limit
