// purpose: delete every RESTRICTS edge (a full rebuild writes them again)
// mode: write
// params:
MATCH ()-[r:RESTRICTS]->()
DELETE r
