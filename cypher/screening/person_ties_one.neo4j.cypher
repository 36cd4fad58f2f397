// purpose: the enterprises one person represents, serves or holds on a date
// mode: read
// params: key, as_of
MATCH (p:Person {pkey: $key})-[r:LEGAL_REP_OF|SERVES_AS|HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
RETURN p.pkey AS pkey, e.uscc AS uscc, e.name AS name, e.status AS status, type(r) AS edge,
       r.role AS role, r.ratio AS ratio, r.since AS since, r.until AS until
LIMIT 20001
