// purpose: drop every ARISES_FROM edge (a full rebuild writes them again; faster than deleting row by row)
// mode: write
// params:
DROP TABLE ARISES_FROM
