// purpose: bulk-insert new Project nodes
// mode: write
// params: frame
// touches: Project
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY Project FROM $frame
