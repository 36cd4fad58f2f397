// purpose: the push date of every pushed restriction (a rebuild carries them over)
// mode: read
// params: 
MATCH (x:Restriction)
WHERE x.pushed_on IS NOT NULL
RETURN x.rid AS rid, x.pushed_on AS pushed_on
