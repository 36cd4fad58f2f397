// purpose: bulk-insert new PARTICIPATES_IN edges from Enterprise to Project
// mode: write
// params: frame
// touches: PARTICIPATES_IN
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY PARTICIPATES_IN FROM $frame (from='Enterprise', to='Project')
