// purpose: read every column of the Person table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Person)
RETURN count(n.pkey) AS pkey, count(n.name) AS name, count(n.id_masked) AS id_masked, count(n.source_ref) AS source_ref
