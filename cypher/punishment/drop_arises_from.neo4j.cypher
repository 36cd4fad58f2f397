// purpose: delete every ARISES_FROM edge (a full rebuild writes them again)
// mode: write
// params:
// touches: ARISES_FROM
MATCH ()-[r:ARISES_FROM]->()
DELETE r
