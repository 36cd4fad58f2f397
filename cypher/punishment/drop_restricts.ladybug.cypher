// purpose: drop every RESTRICTS edge (a full rebuild writes them again; faster than deleting row by row)
// mode: write
// params:
// touches: RESTRICTS
DROP TABLE RESTRICTS
