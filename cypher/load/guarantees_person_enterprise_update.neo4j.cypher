// purpose: update changed GUARANTEES edges from Person to Enterprise in place
// mode: write
// params: rows
// touches: GUARANTEES
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})-[h:GUARANTEES {eid: r.eid}]->(b:Enterprise {uscc: r.dst})
SET h.amount = r.amount, h.since = r.since, h.until = r.until
