// purpose: every GUARANTEES edge from Person to Enterprise: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Person)-[r:GUARANTEES]->(b:Enterprise)
RETURN a.pkey AS src, b.uscc AS dst, r.eid AS eid, r.amount AS amount, r.since AS since, r.until AS until
