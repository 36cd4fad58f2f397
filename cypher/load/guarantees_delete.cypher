// purpose: delete one GUARANTEES edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: GUARANTEES
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:GUARANTEES {eid: $eid}]->()
DELETE h
