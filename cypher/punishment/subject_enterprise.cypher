// purpose: an enterprise's name, to resolve a subject
// mode: read
// params: key
MATCH (e:Enterprise {uscc: $key})
RETURN e.uscc AS key, e.name AS name, e.established AS established
