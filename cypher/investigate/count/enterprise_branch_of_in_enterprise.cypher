// purpose: how many BRANCH_OF edges into one Enterprise from Enterprise nodes there are (hub summaries)
// mode: read
// params: key
// generated from graph_credit/model.py (tests/test_investigate.py checks the set): do not edit
MATCH (n:Enterprise {uscc: $key})<-[r:BRANCH_OF]-(m:Enterprise)
RETURN count(r) AS n
