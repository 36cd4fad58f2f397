// purpose: bulk-insert new SERVES_AS edges from Person to Enterprise
// mode: write
// params: rows
// touches: SERVES_AS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})
MATCH (b:Enterprise {uscc: r.dst})
CREATE (a)-[:SERVES_AS {eid: r.eid, role: r.role, since: r.since, until: r.until}]->(b)
