// purpose: delete every Restriction node (a full rebuild writes them again)
// mode: write
// params:
MATCH (x:Restriction)
DETACH DELETE x
