// purpose: read every LEGAL_REP_OF edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:LEGAL_REP_OF]->(b)
WITH count(r.eid) AS eid, count(r.role) AS role, count(r.since) AS since, count(r.until) AS until
MATCH (b)<-[s:LEGAL_REP_OF]-(a)
RETURN eid, role, since, until, count(*) AS back
