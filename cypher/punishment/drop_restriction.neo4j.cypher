// purpose: delete every Restriction node (a full rebuild writes them again)
// mode: write
// params:
// touches: Restriction, ARISES_FROM, RESTRICTS
MATCH (x:Restriction)
DETACH DELETE x
