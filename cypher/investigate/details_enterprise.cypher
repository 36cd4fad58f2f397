// purpose: display fields of the given enterprises (names, status, contact) by USCC
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (n:Enterprise {uscc: k})
RETURN n.uscc AS key, n.name AS name, n.status AS status, n.org_type AS org_type,
       n.region_code AS region_code, n.address AS address, n.phone AS phone
