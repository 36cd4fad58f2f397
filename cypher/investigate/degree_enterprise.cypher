// purpose: how many edges of any kind touch one Enterprise, in any period (the hub test before fetching its edges)
// mode: read
// params: key
MATCH (n:Enterprise {uscc: $key})-[r]-()
RETURN count(r) AS degree
