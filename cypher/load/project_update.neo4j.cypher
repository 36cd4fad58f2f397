// purpose: update changed Project nodes in place
// mode: write
// params: rows
// touches: Project
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (n:Project {code: r.code})
SET n.name = r.name, n.kind = r.kind, n.region_code = r.region_code, n.status = r.status, n.started = r.started, n.ended = r.ended, n.outcome = r.outcome
