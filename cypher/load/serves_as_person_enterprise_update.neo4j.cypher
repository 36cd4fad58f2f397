// purpose: update changed SERVES_AS edges from Person to Enterprise in place
// mode: write
// params: rows
// touches: SERVES_AS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})-[h:SERVES_AS {eid: r.eid}]->(b:Enterprise {uscc: r.dst})
SET h.role = r.role, h.since = r.since, h.until = r.until
