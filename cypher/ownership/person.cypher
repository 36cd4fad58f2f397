// purpose: the person an ownership question is about, by person key (NotFound when absent)
// mode: read
// params: pkey
MATCH (p:Person {pkey: $pkey})
RETURN p.pkey AS key, p.name AS name, p.id_masked AS id_masked
