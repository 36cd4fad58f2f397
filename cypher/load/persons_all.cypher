// purpose: every person's stored identity fields (loader checks: nothing raw is stored)
// mode: read
// params:
MATCH (p:Person)
RETURN p.pkey AS pkey, p.name AS name, p.id_masked AS id_masked, p.source_ref AS source_ref
ORDER BY source_ref
