// purpose: read every PARTICIPATES_IN edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:PARTICIPATES_IN]->(b)
WITH count(r.eid) AS eid, count(r.role) AS role
MATCH (b)<-[s:PARTICIPATES_IN]-(a)
RETURN eid, role, count(*) AS back
