// purpose: every stored Person, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Person)
RETURN n.pkey AS key, n.name AS name, n.id_masked AS id_masked, n.source_ref AS source_ref
