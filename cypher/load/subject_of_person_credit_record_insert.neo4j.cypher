// purpose: bulk-insert new SUBJECT_OF edges from Person to CreditRecord
// mode: write
// params: rows
// touches: SUBJECT_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})
MATCH (b:CreditRecord {record_id: r.dst})
CREATE (a)-[:SUBJECT_OF {eid: r.eid}]->(b)
