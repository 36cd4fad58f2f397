// purpose: the enterprises the given persons represent, serve or hold on a date
// mode: read
// params: keys, as_of
UNWIND $keys AS k
MATCH (p:Person {pkey: k})
OPTIONAL MATCH (p)-[r:LEGAL_REP_OF|SERVES_AS|HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
WITH p, r, e
WHERE e IS NOT NULL
RETURN p.pkey AS pkey, e.uscc AS uscc, e.name AS name, e.status AS status, label(r) AS edge,
       r.role AS role, r.ratio AS ratio, r.since AS since, r.until AS until
LIMIT 20001
