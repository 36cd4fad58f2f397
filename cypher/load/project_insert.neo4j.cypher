// purpose: bulk-insert new Project nodes
// mode: write
// params: rows
// touches: Project
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
CREATE (n:Project {code: r.code, name: r.name, kind: r.kind, region_code: r.region_code, status: r.status, started: r.started, ended: r.ended, outcome: r.outcome})
