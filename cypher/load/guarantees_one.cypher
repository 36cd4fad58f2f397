// purpose: one GUARANTEES edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:GUARANTEES {eid: $eid}]->(b)
RETURN coalesce(a.uscc, a.pkey) AS src, b.uscc AS dst, h.amount AS amount, h.since AS since, h.until AS until
