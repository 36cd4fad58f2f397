// purpose: name persons as directly responsible on a record
// mode: write
// params: frame
// touches: RESPONSIBLE_FOR
LOAD FROM $frame
MATCH (p:Person {pkey: src})
MATCH (c:CreditRecord {record_id: dst})
CREATE (p)-[:RESPONSIBLE_FOR {eid: eid}]->(c)
