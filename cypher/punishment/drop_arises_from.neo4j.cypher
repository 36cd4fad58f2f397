// purpose: delete every ARISES_FROM edge (a full rebuild writes them again)
// mode: write
// params:
MATCH ()-[r:ARISES_FROM]->()
DELETE r
