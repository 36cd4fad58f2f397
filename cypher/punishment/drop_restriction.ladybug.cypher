// purpose: drop the Restriction table (a full rebuild writes it again; its edges are dropped first)
// mode: write
// params:
// touches: Restriction, ARISES_FROM, RESTRICTS
DROP TABLE Restriction
