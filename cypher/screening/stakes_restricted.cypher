// purpose: the stakes of at least a share one enterprise holds on a date in enterprises under a joint-punishment restriction whose period covers the date
// mode: read
// params: key, as_of, min_share, skip
MATCH (h:Enterprise {uscc: $key})-[r:HOLDS]->(e:Enterprise)<-[:RESTRICTS]-(x:Restriction)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
  AND coalesce(r.ratio, 0.0) >= $min_share AND e.uscc <> $skip
  AND (x.from_date IS NULL OR x.from_date <= $as_of) AND (x.to_date IS NULL OR x.to_date >= $as_of)
RETURN DISTINCT e.uscc AS target, e.name AS target_name, coalesce(r.ratio, 0.0) AS ratio, r.since AS since, r.until AS until
ORDER BY ratio DESC, target
