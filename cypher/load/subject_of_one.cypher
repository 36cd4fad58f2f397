// purpose: one SUBJECT_OF edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:SUBJECT_OF {eid: $eid}]->(b)
RETURN coalesce(a.uscc, a.pkey) AS src, b.record_id AS dst
