// purpose: every stored SUBJECT_OF edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:SUBJECT_OF]->()
RETURN h.eid AS key
