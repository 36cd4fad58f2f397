// purpose: bulk-link restrictions to enterprises (rebuild)
// mode: write
// params: rows
// touches: RESTRICTS
UNWIND $rows AS r
MATCH (x:Restriction {rid: r.src})
MATCH (t:Enterprise {uscc: r.dst})
CREATE (x)-[:RESTRICTS {eid: r.eid}]->(t)
