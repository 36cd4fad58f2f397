// purpose: the code of every stored project, so a bundle may refer to them
// mode: read
// params:
MATCH (p:Project)
RETURN p.code AS key
