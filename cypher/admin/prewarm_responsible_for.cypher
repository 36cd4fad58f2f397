// purpose: read every RESPONSIBLE_FOR edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:RESPONSIBLE_FOR]->(b)
WITH count(r.eid) AS eid
MATCH (b)<-[s:RESPONSIBLE_FOR]-(a)
RETURN eid, count(*) AS back
