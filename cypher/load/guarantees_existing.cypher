// purpose: every stored GUARANTEES edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:GUARANTEES]->()
RETURN h.eid AS key, h.amount AS amount, h.since AS since, h.until AS until
