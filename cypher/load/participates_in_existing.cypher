// purpose: every stored PARTICIPATES_IN edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:PARTICIPATES_IN]->()
RETURN h.eid AS key, h.role AS role
