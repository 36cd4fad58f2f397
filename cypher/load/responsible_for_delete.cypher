// purpose: delete one RESPONSIBLE_FOR edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: RESPONSIBLE_FOR
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:RESPONSIBLE_FOR {eid: $eid}]->()
DELETE h
