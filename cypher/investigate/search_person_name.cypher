// purpose: persons whose name contains the text, with masked fields only: the name itself first, then prefixes
// mode: read
// params: q, limit
MATCH (p:Person)
WHERE p.name CONTAINS $q
RETURN p.pkey AS key, p.name AS name, p.id_masked AS id_masked,
       CASE WHEN p.name = $q THEN 1 WHEN p.name STARTS WITH $q THEN 2 ELSE 3 END AS rank
ORDER BY rank, size(p.name), p.name, p.pkey
LIMIT $limit
