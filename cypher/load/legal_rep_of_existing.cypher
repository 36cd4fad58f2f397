// purpose: identity and content hash of every LEGAL_REP_OF edge
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:LEGAL_REP_OF]->() RETURN h.eid AS key, h.row_hash AS row_hash
