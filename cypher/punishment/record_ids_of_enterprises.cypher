// purpose: the credit records whose subject is one of the given enterprises (their restrictions follow its roles)
// mode: read
// params: usccs
UNWIND $usccs AS u
MATCH (e:Enterprise {uscc: u})-[:SUBJECT_OF]->(c:CreditRecord)
RETURN c.record_id AS record_id
