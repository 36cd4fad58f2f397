// purpose: persons named as directly responsible on the given records
// mode: read
// params: ids
UNWIND $ids AS id
MATCH (p:Person)-[r:RESPONSIBLE_FOR]->(c:CreditRecord {record_id: id})
RETURN c.record_id AS record_id, p.pkey AS pkey, p.name AS person_name, r.eid AS eid
