// purpose: persons named as directly responsible on one record
// mode: read
// params: record_id
MATCH (p:Person)-[r:RESPONSIBLE_FOR]->(c:CreditRecord {record_id: $record_id})
RETURN c.record_id AS record_id, p.pkey AS pkey, p.name AS person_name, r.eid AS eid
