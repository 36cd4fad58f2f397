// purpose: delete one HOLDS edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: HOLDS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:HOLDS {eid: $eid}]->()
DELETE h
