// purpose: bulk-insert new RESPONSIBLE_FOR edges from Person to CreditRecord
// mode: write
// params: rows
// touches: RESPONSIBLE_FOR
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})
MATCH (b:CreditRecord {record_id: r.dst})
CREATE (a)-[:RESPONSIBLE_FOR {eid: r.eid}]->(b)
