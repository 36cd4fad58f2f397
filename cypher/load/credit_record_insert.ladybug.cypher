// purpose: bulk-insert new CreditRecord nodes
// mode: write
// params: frame
// touches: CreditRecord
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY CreditRecord FROM $frame
