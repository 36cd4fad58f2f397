// purpose: update changed Project nodes in place
// mode: write
// params: frame
// touches: Project
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (n:Project {code: code})
SET n.name = name, n.kind = kind, n.region_code = region_code, n.status = status, n.started = started, n.ended = ended, n.outcome = outcome
