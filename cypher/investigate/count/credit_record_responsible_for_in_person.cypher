// purpose: how many RESPONSIBLE_FOR edges into one CreditRecord from Person nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:CreditRecord {record_id: $key})<-[r:RESPONSIBLE_FOR]-(m:Person)
RETURN count(r) AS n
