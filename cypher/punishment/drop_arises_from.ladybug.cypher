// purpose: drop every ARISES_FROM edge (a full rebuild writes them again; faster than deleting row by row)
// mode: write
// params:
// touches: ARISES_FROM
DROP TABLE ARISES_FROM
