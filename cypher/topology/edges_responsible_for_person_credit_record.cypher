// purpose: every RESPONSIBLE_FOR edge from Person to CreditRecord: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Person)-[r:RESPONSIBLE_FOR]->(b:CreditRecord)
RETURN a.pkey AS src, b.record_id AS dst, r.eid AS eid
