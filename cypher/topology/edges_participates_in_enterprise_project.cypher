// purpose: every PARTICIPATES_IN edge from Enterprise to Project: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Enterprise)-[r:PARTICIPATES_IN]->(b:Project)
RETURN a.uscc AS src, b.code AS dst, r.eid AS eid, r.role AS role
