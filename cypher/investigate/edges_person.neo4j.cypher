// purpose: every edge touching one Person (of any kind and period: the caller filters), with the far node's key
// mode: read
// params: key
MATCH (n:Person {pkey: $key})-[r]-(m)
RETURN type(r) AS edge, startNode(r) = n AS outgoing, r.eid AS eid, r.role AS role, r.ratio AS ratio,
       r.amount AS amount, r.since AS since, r.until AS until,
       head(labels(m)) AS kind, coalesce(m.uscc, m.pkey, m.code, m.record_id) AS key
