// purpose: delete every node and edge (tests and demo rebuilds only)
// mode: write
// params:
MATCH (n)
DETACH DELETE n
