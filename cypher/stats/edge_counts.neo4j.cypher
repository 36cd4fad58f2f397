// purpose: how many edges of each kind the graph holds
// mode: read
// params:
MATCH ()-[r]->()
RETURN type(r) AS kind, count(*) AS n
