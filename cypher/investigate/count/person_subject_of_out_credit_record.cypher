// purpose: how many SUBJECT_OF edges from one Person to CreditRecord nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Person {pkey: $key})-[r:SUBJECT_OF]->(m:CreditRecord)
RETURN count(r) AS n
