// purpose: update changed RESPONSIBLE_FOR edges from Person to CreditRecord in place
// mode: write
// params: rows
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Person {pkey: r.src})-[h:RESPONSIBLE_FOR {eid: r.eid}]->(b:CreditRecord {record_id: r.dst})
SET h.row_hash = r.row_hash
