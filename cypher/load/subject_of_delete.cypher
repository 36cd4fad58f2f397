// purpose: delete one SUBJECT_OF edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: SUBJECT_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:SUBJECT_OF {eid: $eid}]->()
DELETE h
