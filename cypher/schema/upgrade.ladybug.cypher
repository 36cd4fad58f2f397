// purpose: add the columns a release added to tables an older database has
// mode: write
// params: 
// touches: *
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
ALTER TABLE Restriction ADD IF NOT EXISTS pushed_on DATE;
