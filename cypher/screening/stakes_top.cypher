// purpose: the largest stakes of at least a share that one enterprise holds on a date, one target left out
// mode: read
// params: key, as_of, min_share, skip, n
MATCH (h:Enterprise {uscc: $key})-[r:HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
  AND coalesce(r.ratio, 0.0) >= $min_share AND e.uscc <> $skip
RETURN e.uscc AS target, e.name AS target_name, coalesce(r.ratio, 0.0) AS ratio, r.since AS since, r.until AS until
ORDER BY ratio DESC, target
LIMIT $n
