// purpose: one downward hop over a frontier of enterprises: stakes in force on a date, largest first
// mode: read
// params: keys, as_of
// See holders_of.ladybug.cypher: node-only MATCH for the primary-key lookup, then OPTIONAL MATCH.
UNWIND $keys AS k
MATCH (h:Enterprise {uscc: k})
OPTIONAL MATCH (h)-[r:HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
WITH h, r, e
WHERE r IS NOT NULL
RETURN e.uscc AS target, e.name AS target_name, e.org_type AS target_org_type,
       h.uscc AS holder, 'enterprise' AS holder_kind, h.name AS holder_name, h.org_type AS holder_org_type,
       NULL AS holder_id_masked,
       r.ratio AS ratio, r.ratio_derived AS derived, r.subscribed_capital AS subscribed,
       r.since AS since, r.until AS until
ORDER BY ratio DESC, target
LIMIT 10001
