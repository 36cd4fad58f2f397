// purpose: every stored RESPONSIBLE_FOR edge with its record and person, to find a record whose named persons a bundle corrected
// mode: read
// params: 
MATCH (p:Person)-[h:RESPONSIBLE_FOR]->(c:CreditRecord)
RETURN h.eid AS eid, c.record_id AS record_id, p.pkey AS src, p.name AS name
