// purpose: bulk-insert new BRANCH_OF edges from Enterprise to Enterprise
// mode: write
// params: rows
// touches: BRANCH_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})
MATCH (b:Enterprise {uscc: r.dst})
CREATE (a)-[:BRANCH_OF {eid: r.eid}]->(b)
