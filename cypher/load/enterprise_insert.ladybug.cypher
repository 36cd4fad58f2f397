// purpose: bulk-insert new Enterprise nodes
// mode: write
// params: frame
// touches: Enterprise
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY Enterprise FROM $frame
