// purpose: how many edges of any kind touch one CreditRecord, in any period (the hub test before fetching its edges)
// mode: read
// params: key
MATCH (n:CreditRecord {record_id: $key})-[r]-()
RETURN count(r) AS degree
