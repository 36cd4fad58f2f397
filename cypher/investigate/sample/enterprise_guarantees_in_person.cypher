// purpose: up to $limit GUARANTEES edges into one Enterprise from Person nodes in force in the period (hub samples)
// mode: read
// params: key, valid_from, valid_to, limit
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})<-[r:GUARANTEES]-(m:Person)
WHERE (r.since IS NULL OR r.since <= $valid_to) AND (r.until IS NULL OR r.until >= $valid_from)
RETURN r.eid AS eid, r.amount AS amount, r.since AS since, r.until AS until, m.pkey AS key
LIMIT $limit
