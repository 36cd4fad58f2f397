// purpose: persons named as directly responsible on every record of the given kinds
// mode: read
// params: kinds
MATCH (p:Person)-[r:RESPONSIBLE_FOR]->(c:CreditRecord)
WHERE c.kind IN $kinds
RETURN c.record_id AS record_id, p.pkey AS pkey, p.name AS person_name, r.eid AS eid
