// purpose: every edge touching one Person (of any kind and period: the caller filters), with the far node's key
// mode: read
// params: key
// Every edge kind leaves a Person (model.py), so one directed pattern is the whole adjacency.
MATCH (n:Person {pkey: $key})-[r]->(m)
RETURN label(r) AS edge, true AS outgoing, r.eid AS eid, r.role AS role, r.ratio AS ratio,
       r.amount AS amount, r.since AS since, r.until AS until,
       label(m) AS kind, coalesce(m.uscc, m.record_id) AS key
