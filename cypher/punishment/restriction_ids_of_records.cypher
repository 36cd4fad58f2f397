// purpose: ids of the restrictions stored for the given records
// mode: read
// params: ids
UNWIND $ids AS id
MATCH (x:Restriction)-[:ARISES_FROM]->(c:CreditRecord {record_id: id})
RETURN x.rid AS rid
