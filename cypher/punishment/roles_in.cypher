// purpose: every office and person holding of the given enterprises, over all time (shareholder for HOLDS)
// mode: read
// params: usccs
UNWIND $usccs AS u
MATCH (p:Person)-[r:LEGAL_REP_OF|SERVES_AS|HOLDS]->(e:Enterprise {uscc: u})
RETURN p.pkey AS pkey, p.name AS person_name, e.uscc AS uscc, coalesce(r.role, 'shareholder') AS role, r.since AS since, r.until AS until, r.eid AS eid
