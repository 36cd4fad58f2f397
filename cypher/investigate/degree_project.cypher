// purpose: how many edges of any kind touch one Project, in any period (the hub test before fetching its edges)
// mode: read
// params: key
MATCH (n:Project {code: $key})-[r]-()
RETURN count(r) AS degree
