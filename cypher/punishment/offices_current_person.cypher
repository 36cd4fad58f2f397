// purpose: the enterprises where a person serves or represents on a date (关联风险)
// mode: read
// params: key, as_of
MATCH (p:Person {pkey: $key})-[r:LEGAL_REP_OF|SERVES_AS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
RETURN e.uscc AS uscc, e.name AS name, r.role AS role, r.eid AS eid
