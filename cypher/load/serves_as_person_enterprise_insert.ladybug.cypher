// purpose: bulk-insert new SERVES_AS edges from Person to Enterprise
// mode: write
// params: frame
// touches: SERVES_AS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY SERVES_AS FROM $frame (from='Person', to='Enterprise')
