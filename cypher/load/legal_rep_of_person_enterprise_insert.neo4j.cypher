// purpose: bulk-insert new LEGAL_REP_OF edges from Person to Enterprise
// mode: write
// params: rows
// touches: LEGAL_REP_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})
MATCH (b:Enterprise {uscc: r.dst})
CREATE (a)-[:LEGAL_REP_OF {eid: r.eid, role: r.role, since: r.since, until: r.until}]->(b)
