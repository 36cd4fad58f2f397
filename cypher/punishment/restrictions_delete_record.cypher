// purpose: delete the derived restrictions of one record (before deriving them again)
// mode: write
// params: record_id
// touches: Restriction, ARISES_FROM, RESTRICTS
MATCH (x:Restriction)-[:ARISES_FROM]->(c:CreditRecord {record_id: $record_id})
DETACH DELETE x
