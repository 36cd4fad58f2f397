// purpose: display fields of the given projects by code
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (n:Project {code: k})
RETURN n.code AS key, n.name AS name, n.kind AS subkind, n.status AS status,
       n.region_code AS region_code
