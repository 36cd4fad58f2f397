// purpose: identity and content hash of every HOLDS edge
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:HOLDS]->() RETURN h.eid AS key, h.row_hash AS row_hash
