// purpose: read every column of the Enterprise table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Enterprise)
RETURN count(n.uscc) AS uscc, count(n.name) AS name, count(n.org_type) AS org_type, count(n.status) AS status, count(n.established) AS established, count(n.registered_capital) AS registered_capital, count(n.region_code) AS region_code, count(n.industry) AS industry, count(n.address) AS address, count(n.phone) AS phone
