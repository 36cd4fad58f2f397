// purpose: one SERVES_AS edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:SERVES_AS {eid: $eid}]->(b)
RETURN a.pkey AS src, b.uscc AS dst, h.role AS role, h.since AS since, h.until AS until
