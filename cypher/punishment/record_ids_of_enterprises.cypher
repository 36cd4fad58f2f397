// purpose: the credit records whose subject is one of the given enterprises (their restrictions follow its roles)
// mode: read
// params: keys
// One round trip for many enterprises on Neo4j, where one query per enterprise costs a network
// round trip each (a first load names every enterprise). LadybugDB reads per key instead.
UNWIND $keys AS k
MATCH (e:Enterprise {uscc: k})-[:SUBJECT_OF]->(c:CreditRecord)
RETURN c.record_id AS record_id
