// purpose: read every column of the Project table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Project)
RETURN count(n.code) AS code, count(n.name) AS name, count(n.kind) AS kind, count(n.region_code) AS region_code, count(n.status) AS status, count(n.started) AS started, count(n.ended) AS ended, count(n.outcome) AS outcome
