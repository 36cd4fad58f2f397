// purpose: how many SUBJECT_OF edges into one CreditRecord from Person nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:CreditRecord {record_id: $key})<-[r:SUBJECT_OF]-(m:Person)
RETURN count(r) AS n
