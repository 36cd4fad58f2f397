// purpose: bulk-insert new HOLDS edges from Person to Enterprise
// mode: write
// params: frame
// touches: HOLDS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY HOLDS FROM $frame (from='Person', to='Enterprise')
