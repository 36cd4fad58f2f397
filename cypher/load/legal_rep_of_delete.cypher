// purpose: delete one LEGAL_REP_OF edge by its identity (a corrected or withdrawn bundle row)
// mode: write
// params: eid
// touches: LEGAL_REP_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH ()-[h:LEGAL_REP_OF {eid: $eid}]->()
DELETE h
