// purpose: every stored SUBJECT_OF edge with its record and subject key, to find a record whose subject a bundle corrected
// mode: read
// params: 
MATCH (s)-[h:SUBJECT_OF]->(c:CreditRecord)
RETURN h.eid AS eid, c.record_id AS record_id, coalesce(s.uscc, s.pkey) AS src, s.name AS name
