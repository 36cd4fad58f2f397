// purpose: bulk-insert new PARTICIPATES_IN edges from Enterprise to Project
// mode: write
// params: rows
// touches: PARTICIPATES_IN
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})
MATCH (b:Project {code: r.dst})
CREATE (a)-[:PARTICIPATES_IN {eid: r.eid, role: r.role}]->(b)
