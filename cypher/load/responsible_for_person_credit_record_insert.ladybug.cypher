// purpose: bulk-insert new RESPONSIBLE_FOR edges from Person to CreditRecord
// mode: write
// params: frame
// touches: RESPONSIBLE_FOR
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY RESPONSIBLE_FOR FROM $frame (from='Person', to='CreditRecord')
