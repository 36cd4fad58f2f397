// purpose: one upward hop over a whole frontier of enterprises: holdings in force on a date
// mode: read
// params: keys, as_of
UNWIND $keys AS k
MATCH (h)-[r:HOLDS]->(e:Enterprise {uscc: k})
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
RETURN e.uscc AS target, e.name AS target_name, e.org_type AS target_org_type,
       coalesce(h.uscc, h.pkey) AS holder,
       CASE WHEN h.uscc IS NULL THEN 'person' ELSE 'enterprise' END AS holder_kind,
       h.name AS holder_name, h.org_type AS holder_org_type, h.id_masked AS holder_id_masked,
       r.ratio AS ratio, r.ratio_derived AS derived, r.subscribed_capital AS subscribed,
       r.since AS since, r.until AS until
LIMIT 10001
