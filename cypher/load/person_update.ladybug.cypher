// purpose: update changed Person nodes in place
// mode: write
// params: frame
// touches: Person
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (n:Person {pkey: pkey})
SET n.name = name, n.id_masked = id_masked, n.source_ref = source_ref
