// purpose: update changed SERVES_AS edges from Person to Enterprise in place
// mode: write
// params: frame
// touches: SERVES_AS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Person {pkey: src})-[h:SERVES_AS {eid: eid}]->(b:Enterprise {uscc: dst})
SET h.role = role, h.since = since, h.until = until
