// purpose: delete one SERVES_AS edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: SERVES_AS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:SERVES_AS {eid: $eid}]->()
DELETE h
