// purpose: the credit records of the given kinds whose subject is held, through one or more holdings on any date, by the given enterprise (a change of its holders may change who controls them)
// mode: read
// params: uscc, kinds
MATCH (top:Enterprise {uscc: $uscc})-[:HOLDS*1..10]->(e:Enterprise)-[:SUBJECT_OF]->(c:CreditRecord)
WHERE c.kind IN $kinds
RETURN DISTINCT c.record_id AS record_id
