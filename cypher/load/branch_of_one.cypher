// purpose: one BRANCH_OF edge by its identity: its two ends and its properties
// mode: read
// params: eid
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (a)-[h:BRANCH_OF {eid: $eid}]->(b)
RETURN a.uscc AS src, b.uscc AS dst
