// purpose: update changed GUARANTEES edges from Person to Enterprise in place
// mode: write
// params: frame
// touches: GUARANTEES
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Person {pkey: src})-[h:GUARANTEES {eid: eid}]->(b:Enterprise {uscc: dst})
SET h.amount = amount, h.since = since, h.until = until
