// purpose: enterprises whose name is exactly the text (scans the table: no name index offline)
// mode: read
// params: q, limit
MATCH (e:Enterprise)
WHERE e.name = $q
RETURN e.uscc AS key, e.name AS name, e.status AS status, 1 AS rank
ORDER BY e.uscc
LIMIT $limit
