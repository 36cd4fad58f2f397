// purpose: every bundle row a load superseded or withdrew, oldest first (the corrections history)
// mode: read
// params: 
MATCH (x:Correction)
RETURN x.correction_id AS correction_id, x.action AS action, x.edge AS edge, x.eid AS eid, x.src AS src, x.dst AS dst, x.was AS was, x.by AS by, x.authority AS authority, x.on_date AS on_date, x.reason AS reason, x.recorded_at AS recorded_at
ORDER BY x.recorded_at, x.correction_id
