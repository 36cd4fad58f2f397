// purpose: how many RESPONSIBLE_FOR edges from one Person to CreditRecord nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Person {pkey: $key})-[r:RESPONSIBLE_FOR]->(m:CreditRecord)
RETURN count(r) AS n
