// purpose: update changed LEGAL_REP_OF edges from Person to Enterprise in place
// mode: write
// params: rows
// touches: LEGAL_REP_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})-[h:LEGAL_REP_OF {eid: r.eid}]->(b:Enterprise {uscc: r.dst})
SET h.role = r.role, h.since = r.since, h.until = r.until
