// purpose: bulk-insert new BRANCH_OF edges from Enterprise to Enterprise
// mode: write
// params: frame
// touches: BRANCH_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY BRANCH_OF FROM $frame (from='Enterprise', to='Enterprise')
