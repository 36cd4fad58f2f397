// purpose: bulk-link restrictions to persons (rebuild)
// mode: write
// params: rows
// touches: RESTRICTS
UNWIND $rows AS r
MATCH (x:Restriction {rid: r.src})
MATCH (t:Person {pkey: r.dst})
CREATE (x)-[:RESTRICTS {eid: r.eid}]->(t)
