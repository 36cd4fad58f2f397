// purpose: delete every node and edge (tests and demo rebuilds only)
// mode: write
// params:
// touches: *
MATCH (n)
DETACH DELETE n
