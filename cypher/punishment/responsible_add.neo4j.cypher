// purpose: name persons as directly responsible on a record
// mode: write
// params: rows
// touches: RESPONSIBLE_FOR
UNWIND $rows AS r
MATCH (p:Person {pkey: r.src})
MATCH (c:CreditRecord {record_id: r.dst})
CREATE (p)-[:RESPONSIBLE_FOR {eid: r.eid}]->(c)
