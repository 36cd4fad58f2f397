// purpose: bulk-insert new GUARANTEES edges from Enterprise to Enterprise
// mode: write
// params: frame
// touches: GUARANTEES
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY GUARANTEES FROM $frame (from='Enterprise', to='Enterprise')
