// purpose: nothing to add: Neo4j has no table columns
// mode: write
// params: 
// touches: *
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
RETURN 0 AS added
