// purpose: every HOLDS edge from Enterprise to Enterprise: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Enterprise)-[r:HOLDS]->(b:Enterprise)
RETURN offset(id(a)) AS src, offset(id(b)) AS dst, r.eid AS eid, r.ratio AS ratio, r.since AS since, r.until AS until
