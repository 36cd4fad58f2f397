// purpose: how many edges of any kind touch one Person, in any period (the hub test before fetching its edges)
// mode: read
// params: key
MATCH (n:Person {pkey: $key})-[r]-()
RETURN count(r) AS degree
