// purpose: the credit records whose subject is the given enterprise (their restrictions follow its roles)
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})-[:SUBJECT_OF]->(c:CreditRecord)
RETURN c.record_id AS record_id
