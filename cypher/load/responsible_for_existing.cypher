// purpose: every stored RESPONSIBLE_FOR edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:RESPONSIBLE_FOR]->()
RETURN h.eid AS key
