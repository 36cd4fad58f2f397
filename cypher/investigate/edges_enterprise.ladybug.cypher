// purpose: every edge touching one Enterprise (of any kind and period: the caller filters), with the far node's key
// mode: read
// params: key
// Kind and period filters cost more here than the rows they save (label(r) IN $list: +0.3 ms a
// call); callers fetch this only for nodes of few edges (a degree test first) and filter in Python.
// start_node(r) is the pattern's left node in LadybugDB 0.22 (always n here): the direction comes
// from the edge's own source id, `struct_extract(r, '_src')`.
MATCH (n:Enterprise {uscc: $key})-[r]-(m)
RETURN label(r) AS edge, struct_extract(r, '_src') = id(n) AS outgoing, r.eid AS eid, r.role AS role,
       r.ratio AS ratio, r.amount AS amount, r.since AS since, r.until AS until,
       label(m) AS kind, coalesce(m.uscc, m.pkey, m.code, m.record_id) AS key
