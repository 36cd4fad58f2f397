// purpose: how many PARTICIPATES_IN edges from one Enterprise to Project nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})-[r:PARTICIPATES_IN]->(m:Project)
RETURN count(r) AS n
