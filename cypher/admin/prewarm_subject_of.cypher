// purpose: read every SUBJECT_OF edge once from each end, with its properties (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[r:SUBJECT_OF]->(b)
WITH count(r.eid) AS eid
MATCH (b)<-[s:SUBJECT_OF]-(a)
RETURN eid, count(*) AS back
