// purpose: read every HOLDS edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:HOLDS]->(b)
WITH count(r.eid) AS eid, count(r.ratio) AS ratio, count(r.ratio_derived) AS ratio_derived, count(r.subscribed_capital) AS subscribed_capital, count(r.since) AS since, count(r.until) AS until
MATCH (b)<-[s:HOLDS]-(a)
RETURN eid, ratio, ratio_derived, subscribed_capital, since, until, count(*) AS back
