// purpose: update changed Person nodes in place
// mode: write
// params: rows
// touches: Person
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (n:Person {pkey: r.pkey})
SET n.name = r.name, n.id_masked = r.id_masked, n.source_ref = r.source_ref
