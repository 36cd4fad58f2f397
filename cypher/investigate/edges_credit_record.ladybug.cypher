// purpose: every edge touching one CreditRecord (the caller filters), with the far node's key
// mode: read
// params: key
// Only SUBJECT_OF and RESPONSIBLE_FOR reach a CreditRecord (model.py): no role, share or period.
MATCH (n:CreditRecord {record_id: $key})<-[r]-(m)
RETURN label(r) AS edge, false AS outgoing, r.eid AS eid, NULL AS role, NULL AS ratio,
       NULL AS amount, NULL AS since, NULL AS until,
       label(m) AS kind, coalesce(m.uscc, m.pkey) AS key
