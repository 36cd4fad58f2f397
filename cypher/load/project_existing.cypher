// purpose: key and content hash of every Project
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Project) RETURN n.code AS key, n.row_hash AS row_hash
