// purpose: how many stakes of at least a share one enterprise holds on a date, one target left out
// mode: read
// params: key, as_of, min_share, skip
MATCH (h:Enterprise {uscc: $key})-[r:HOLDS]->(e:Enterprise)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
  AND coalesce(r.ratio, 0.0) >= $min_share AND e.uscc <> $skip
RETURN count(*) AS n
