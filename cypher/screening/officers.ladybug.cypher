// purpose: the legal representative and the officers of an enterprise in office on a date
// mode: read
// params: uscc, as_of
MATCH (e:Enterprise {uscc: $uscc})<-[r:LEGAL_REP_OF|SERVES_AS]-(p:Person)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until >= $as_of)
RETURN p.pkey AS pkey, p.name AS name, p.id_masked AS id_masked, label(r) AS edge,
       r.role AS role, r.since AS since, r.until AS until
