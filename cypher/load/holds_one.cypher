// purpose: one HOLDS edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:HOLDS {eid: $eid}]->(b)
RETURN coalesce(a.pkey, a.uscc) AS src, b.uscc AS dst, h.ratio AS ratio, h.ratio_derived AS ratio_derived, h.subscribed_capital AS subscribed_capital, h.since AS since, h.until AS until
