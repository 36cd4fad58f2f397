// purpose: delete every derived restriction (before a full rebuild)
// mode: write
// params: 
MATCH (x:Restriction)
DETACH DELETE x
