// purpose: persons whose name is exactly the text, with masked fields only
// mode: read
// params: q, limit
MATCH (p:Person)
WHERE p.name = $q
RETURN p.pkey AS key, p.name AS name, p.id_masked AS id_masked, 1 AS rank
ORDER BY p.pkey
LIMIT $limit
