// purpose: every RESPONSIBLE_FOR edge from Person to CreditRecord: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Person)-[r:RESPONSIBLE_FOR]->(b:CreditRecord)
RETURN offset(id(a)) AS src, offset(id(b)) AS dst, r.eid AS eid
