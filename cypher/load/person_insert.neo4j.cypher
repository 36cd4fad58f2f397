// purpose: bulk-insert new Person nodes
// mode: write
// params: rows
// touches: Person
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
CREATE (n:Person {pkey: r.pkey, name: r.name, id_masked: r.id_masked, source_ref: r.source_ref})
