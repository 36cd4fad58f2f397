// purpose: update changed BRANCH_OF edges from Enterprise to Enterprise in place
// mode: write
// params: rows
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})-[h:BRANCH_OF {eid: r.eid}]->(b:Enterprise {uscc: r.dst})
SET h.row_hash = r.row_hash
