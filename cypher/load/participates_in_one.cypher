// purpose: one PARTICIPATES_IN edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:PARTICIPATES_IN {eid: $eid}]->(b)
RETURN a.uscc AS src, b.code AS dst, h.role AS role
