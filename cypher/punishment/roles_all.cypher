// purpose: every office and person holding at an enterprise that is the subject of a triggering record
// mode: read
// params: kinds, level_kinds, levels
MATCH (c:CreditRecord)<-[:SUBJECT_OF]-(e:Enterprise)<-[r:LEGAL_REP_OF|SERVES_AS|HOLDS]-(p:Person)
WHERE c.kind IN $kinds AND (NOT c.kind IN $level_kinds OR c.level IN $levels)
RETURN DISTINCT p.pkey AS pkey, p.name AS person_name, e.uscc AS uscc, coalesce(r.role, 'shareholder') AS role, r.since AS since, r.until AS until, r.eid AS eid
