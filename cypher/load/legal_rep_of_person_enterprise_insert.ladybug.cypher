// purpose: bulk-insert new LEGAL_REP_OF edges from Person to Enterprise
// mode: write
// params: frame
// touches: LEGAL_REP_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY LEGAL_REP_OF FROM $frame (from='Person', to='Enterprise')
