// purpose: every Project node's id, business key and display fields (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Project)
RETURN offset(id(n)) AS id, n.code AS key, n.name AS name, n.status AS status, n.kind AS subkind
