// purpose: every stored Project, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Project)
RETURN n.code AS key, n.name AS name, n.kind AS kind, n.region_code AS region_code, n.status AS status, n.started AS started, n.ended AS ended, n.outcome AS outcome
