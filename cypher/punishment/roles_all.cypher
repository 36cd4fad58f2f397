// purpose: every office and person holding at an enterprise that is the subject of a record of the given kinds
// mode: read
// params: kinds
MATCH (p:Person)-[r:LEGAL_REP_OF|SERVES_AS|HOLDS]->(e:Enterprise)
WHERE EXISTS { MATCH (e)-[:SUBJECT_OF]->(c:CreditRecord) WHERE c.kind IN $kinds }
RETURN p.pkey AS pkey, p.name AS person_name, e.uscc AS uscc, coalesce(r.role, 'shareholder') AS role, r.since AS since, r.until AS until, r.eid AS eid
