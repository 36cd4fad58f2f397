// purpose: one upward hop over a whole frontier of enterprises: holdings in force on a date
// mode: read
// params: keys, as_of
// LadybugDB 0.22 plans the generic text as a hash join over every HOLDS edge (7 s on 2M edges);
// a node-only MATCH on the key gets the row-driven primary-key lookup, and OPTIONAL MATCH then
// expands from the looked-up nodes (about 2 ms). Frontiers of 1-3 keys use holders_of_one.
UNWIND $keys AS k
MATCH (e:Enterprise {uscc: k})
OPTIONAL MATCH (e)<-[r:HOLDS]-(h)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
WITH e, r, h
WHERE r IS NOT NULL
RETURN e.uscc AS target, e.name AS target_name, e.org_type AS target_org_type,
       coalesce(h.uscc, h.pkey) AS holder,
       CASE WHEN h.uscc IS NULL THEN 'person' ELSE 'enterprise' END AS holder_kind,
       h.name AS holder_name, h.org_type AS holder_org_type, h.id_masked AS holder_id_masked,
       r.ratio AS ratio, r.ratio_derived AS derived, r.subscribed_capital AS subscribed,
       r.since AS since, r.until AS until
LIMIT 10001
