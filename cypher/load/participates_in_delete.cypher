// purpose: delete one PARTICIPATES_IN edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: PARTICIPATES_IN
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:PARTICIPATES_IN {eid: $eid}]->()
DELETE h
