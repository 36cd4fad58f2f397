// purpose: update changed SUBJECT_OF edges from Person to CreditRecord in place
// mode: write
// params: frame
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Person {pkey: src})-[h:SUBJECT_OF {eid: eid}]->(b:CreditRecord {record_id: dst})
SET h.row_hash = row_hash
