// purpose: the enterprise an ownership question is about (NotFound when absent)
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})
RETURN e.uscc AS key, e.name AS name, e.org_type AS org_type
