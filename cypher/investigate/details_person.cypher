// purpose: display fields of the given persons by person key: name and masked ID only
// mode: read
// params: keys
UNWIND $keys AS k
MATCH (n:Person {pkey: k})
RETURN n.pkey AS key, n.name AS name, n.id_masked AS id_masked
