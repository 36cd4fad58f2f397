// purpose: every edge touching one Project (the caller filters), with the far node's key
// mode: read
// params: key
// Only PARTICIPATES_IN reaches a Project (model.py): it has a role and no period.
MATCH (n:Project {code: $key})<-[r]-(m)
RETURN label(r) AS edge, false AS outgoing, r.eid AS eid, r.role AS role, NULL AS ratio,
       NULL AS amount, NULL AS since, NULL AS until,
       label(m) AS kind, m.uscc AS key
