// purpose: every SUBJECT_OF edge from Person to CreditRecord: its ends' ids and its properties (topology index build)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a:Person)-[r:SUBJECT_OF]->(b:CreditRecord)
RETURN offset(id(a)) AS src, offset(id(b)) AS dst, r.eid AS eid
