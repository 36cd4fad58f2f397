// purpose: every CreditRecord node's id and business key (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:CreditRecord)
RETURN offset(id(n)) AS id, n.record_id AS key
