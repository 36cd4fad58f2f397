// purpose: enterprises whose name contains the text: the name itself first, then names starting with it, then shorter names
// mode: read
// params: q, limit
// No name index exists offline on LadybugDB: this scans the Enterprise table, and a fragment found
// in most names also sorts most of them (bench/investigate.py measures both).
MATCH (e:Enterprise)
WHERE e.name CONTAINS $q
RETURN e.uscc AS key, e.name AS name, e.status AS status,
       CASE WHEN e.name = $q THEN 1 WHEN e.name STARTS WITH $q THEN 2 ELSE 3 END AS rank
ORDER BY rank, size(e.name), e.name
LIMIT $limit
