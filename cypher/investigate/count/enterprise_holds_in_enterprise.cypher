// purpose: how many HOLDS edges into one Enterprise from Enterprise nodes are in force in the period (hub summaries)
// mode: read
// params: key, valid_from, valid_to
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})<-[r:HOLDS]-(m:Enterprise)
WHERE (r.since IS NULL OR r.since <= $valid_to) AND (r.until IS NULL OR r.until >= $valid_from)
RETURN count(r) AS n
