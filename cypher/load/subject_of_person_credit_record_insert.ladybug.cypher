// purpose: bulk-insert new SUBJECT_OF edges from Person to CreditRecord
// mode: write
// params: frame
// touches: SUBJECT_OF
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
COPY SUBJECT_OF FROM $frame (from='Person', to='CreditRecord')
