// purpose: update changed SUBJECT_OF edges from Enterprise to CreditRecord in place
// mode: write
// params: rows
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})-[h:SUBJECT_OF {eid: r.eid}]->(b:CreditRecord {record_id: r.dst})
SET h.row_hash = r.row_hash
