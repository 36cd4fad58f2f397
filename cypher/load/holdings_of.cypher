// purpose: every holding into one enterprise, with its holder's business key (loader checks)
// mode: read
// params: uscc
MATCH (h)-[r:HOLDS]->(e:Enterprise {uscc: $uscc})
RETURN coalesce(h.uscc, h.pkey) AS holder, r.ratio AS ratio, r.ratio_derived AS derived,
       r.since AS since, r.until AS until
ORDER BY since, ratio
