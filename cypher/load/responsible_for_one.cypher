// purpose: one RESPONSIBLE_FOR edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:RESPONSIBLE_FOR {eid: $eid}]->(b)
RETURN a.pkey AS src, b.record_id AS dst
