// purpose: bulk-link restrictions to their records (rebuild)
// mode: write
// params: rows
// touches: ARISES_FROM
UNWIND $rows AS r
MATCH (x:Restriction {rid: r.src})
MATCH (c:CreditRecord {record_id: r.dst})
CREATE (x)-[:ARISES_FROM {eid: r.eid}]->(c)
