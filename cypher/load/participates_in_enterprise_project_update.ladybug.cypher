// purpose: update changed PARTICIPATES_IN edges from Enterprise to Project in place
// mode: write
// params: frame
// touches: PARTICIPATES_IN
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Enterprise {uscc: src})-[h:PARTICIPATES_IN {eid: eid}]->(b:Project {code: dst})
SET h.role = role
