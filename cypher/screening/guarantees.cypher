// purpose: how many guarantees in force on a date an enterprise gives or receives (担保 links)
// mode: read
// params: uscc, as_of
MATCH (e:Enterprise {uscc: $uscc})
OPTIONAL MATCH (e)-[g:GUARANTEES]-()
WHERE (g.since IS NULL OR g.since <= $as_of) AND (g.until IS NULL OR g.until >= $as_of)
RETURN count(g) AS links
