// purpose: every GUARANTEES edge from Enterprise to Enterprise: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Enterprise)-[r:GUARANTEES]->(b:Enterprise)
RETURN offset(id(a)) AS src, offset(id(b)) AS dst, r.eid AS eid, r.amount AS amount, r.since AS since, r.until AS until
