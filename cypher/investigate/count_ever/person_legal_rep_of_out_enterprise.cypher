// purpose: how many LEGAL_REP_OF edges from one Person to Enterprise nodes there are, in any period (hub summaries without a date)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
// Without a date the period test is true for every edge and costs 5-20 ms on a 122,000-edge hub.
MATCH (n:Person {pkey: $key})-[r:LEGAL_REP_OF]->(m:Enterprise)
RETURN count(r) AS n
