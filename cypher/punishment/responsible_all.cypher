// purpose: persons named as directly responsible on every record of the given kinds
// mode: read
// params: kinds, level_kinds, levels
MATCH (p:Person)-[r:RESPONSIBLE_FOR]->(c:CreditRecord)
WHERE c.kind IN $kinds AND (NOT c.kind IN $level_kinds OR c.level IN $levels)
RETURN c.record_id AS record_id, p.pkey AS pkey, p.name AS person_name, r.eid AS eid
