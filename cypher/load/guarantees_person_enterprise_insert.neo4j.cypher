// purpose: bulk-insert new GUARANTEES edges from Person to Enterprise
// mode: write
// params: rows
// touches: GUARANTEES
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})
MATCH (b:Enterprise {uscc: r.dst})
CREATE (a)-[:GUARANTEES {eid: r.eid, amount: r.amount, since: r.since, until: r.until}]->(b)
