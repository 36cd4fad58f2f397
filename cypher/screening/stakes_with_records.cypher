// purpose: the stakes of at least a share one enterprise holds on a date in enterprises that are the subject of a record of given kinds
// mode: read
// params: key, as_of, min_share, skip, kinds
// The record is matched in the same path, not in EXISTS { }: LadybugDB plans the subquery as a
// hash join over every SUBJECT_OF edge (about 180 ms at city scale, against 9 ms for this text).
MATCH (h:Enterprise {uscc: $key})-[r:HOLDS]->(e:Enterprise)-[:SUBJECT_OF]->(c:CreditRecord)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
  AND coalesce(r.ratio, 0.0) >= $min_share AND e.uscc <> $skip AND c.kind IN $kinds
RETURN DISTINCT e.uscc AS target, e.name AS target_name, coalesce(r.ratio, 0.0) AS ratio, r.since AS since, r.until AS until
ORDER BY ratio DESC, target
