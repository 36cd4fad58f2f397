// purpose: read every SERVES_AS edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:SERVES_AS]->(b)
WITH count(r.eid) AS eid, count(r.role) AS role, count(r.since) AS since, count(r.until) AS until
MATCH (b)<-[s:SERVES_AS]-(a)
RETURN eid, role, since, until, count(*) AS back
