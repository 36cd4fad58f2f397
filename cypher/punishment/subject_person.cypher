// purpose: a person's name, to resolve a subject
// mode: read
// params: key
MATCH (p:Person {pkey: $key})
RETURN p.pkey AS key, p.name AS name
