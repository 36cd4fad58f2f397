// purpose: every CreditRecord node's id, business key and display fields (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:CreditRecord)
RETURN n.record_id AS id, n.record_id AS key, n.status AS status, n.kind AS subkind
