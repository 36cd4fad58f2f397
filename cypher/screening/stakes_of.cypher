// purpose: the stakes of at least a share that one enterprise holds on a date, at most 101, in no order
// mode: read
// params: key, as_of, min_share
// No ORDER BY, no filter on the target and a literal LIMIT: each of those makes LadybugDB plan a
// hash join over a scan of the Enterprise table (1-4 ms for a holder of nothing, against 0.1-0.2 ms
// for this text). A holder of more than a check lists is read again by screening/stakes_top.
MATCH (h:Enterprise {uscc: $key})-[r:HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
  AND coalesce(r.ratio, 0.0) >= $min_share
RETURN e.uscc AS target, e.name AS target_name, coalesce(r.ratio, 0.0) AS ratio, r.since AS since, r.until AS until
LIMIT 101
