// purpose: every stored HOLDS edge, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:HOLDS]->()
RETURN h.eid AS key, h.ratio AS ratio, h.ratio_derived AS ratio_derived, h.subscribed_capital AS subscribed_capital, h.since AS since, h.until AS until
