// purpose: how many PARTICIPATES_IN edges into one Project from Enterprise nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Project {code: $key})<-[r:PARTICIPATES_IN]-(m:Enterprise)
RETURN count(r) AS n
