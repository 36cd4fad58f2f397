// purpose: how many nodes of each kind the graph holds
// mode: read
// params:
MATCH (n)
RETURN label(n) AS kind, count(*) AS n
