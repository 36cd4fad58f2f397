// purpose: every LEGAL_REP_OF edge from Person to Enterprise: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Person)-[r:LEGAL_REP_OF]->(b:Enterprise)
RETURN a.pkey AS src, b.uscc AS dst, r.eid AS eid, r.role AS role, r.since AS since, r.until AS until
