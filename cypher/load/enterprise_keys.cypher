// purpose: the USCC of every stored enterprise, so a bundle may refer to them
// mode: read
// params:
MATCH (e:Enterprise)
RETURN e.uscc AS key
