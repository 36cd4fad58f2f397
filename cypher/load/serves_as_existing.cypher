// purpose: every stored SERVES_AS edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:SERVES_AS]->()
RETURN h.eid AS key, h.role AS role, h.since AS since, h.until AS until
