// purpose: read every GUARANTEES edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:GUARANTEES]->(b)
WITH count(r.eid) AS eid, count(r.amount) AS amount, count(r.since) AS since, count(r.until) AS until
MATCH (b)<-[s:GUARANTEES]-(a)
RETURN eid, amount, since, until, count(*) AS back
