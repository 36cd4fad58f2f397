// purpose: delete one BRANCH_OF edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: BRANCH_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:BRANCH_OF {eid: $eid}]->()
DELETE h
