// purpose: the enterprise with exactly this USCC (index lookup)
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})
RETURN e.uscc AS key, e.name AS name, e.status AS status
