// purpose: update changed PARTICIPATES_IN edges from Enterprise to Project in place
// mode: write
// params: rows
// touches: PARTICIPATES_IN
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})-[h:PARTICIPATES_IN {eid: r.eid}]->(b:Project {code: r.dst})
SET h.role = r.role
