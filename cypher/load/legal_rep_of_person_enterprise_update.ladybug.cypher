// purpose: update changed LEGAL_REP_OF edges from Person to Enterprise in place
// mode: write
// params: frame
// touches: LEGAL_REP_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Person {pkey: src})-[h:LEGAL_REP_OF {eid: eid}]->(b:Enterprise {uscc: dst})
SET h.role = role, h.since = since, h.until = until
