// purpose: every Person node's id, business key and display fields (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Person)
RETURN offset(id(n)) AS id, n.pkey AS key, n.name AS name, n.id_masked AS id_masked
