// purpose: delete every RESTRICTS edge (a full rebuild writes them again)
// mode: write
// params:
// touches: RESTRICTS
MATCH ()-[r:RESTRICTS]->()
DELETE r
