// purpose: the identities of every bundle row withdrawn (a later bundle must not load it again)
// mode: read
// params: action
MATCH (x:Correction)
WHERE x.action = $action
RETURN x.eid AS eid, x.on_date AS on_date, x.authority AS authority, x.reason AS reason
