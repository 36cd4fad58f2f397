// purpose: delete the derived restrictions of the given records (before deriving them again)
// mode: write
// params: ids
// touches: Restriction, ARISES_FROM, RESTRICTS
UNWIND $ids AS id
MATCH (x:Restriction)-[:ARISES_FROM]->(c:CreditRecord {record_id: id})
DETACH DELETE x
