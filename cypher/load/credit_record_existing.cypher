// purpose: key and content hash of every CreditRecord
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:CreditRecord) RETURN n.record_id AS key, n.row_hash AS row_hash
