// purpose: how many credit records are stored (the scale a partial re-derivation is weighed against)
// mode: read
// params:
MATCH (c:CreditRecord)
RETURN count(c) AS n
