// purpose: bulk-insert new Person nodes
// mode: write
// params: frame
// touches: Person
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY Person FROM $frame
