// purpose: every stored Enterprise, to compare a bundle with
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Enterprise)
RETURN n.uscc AS key, n.name AS name, n.org_type AS org_type, n.status AS status, n.established AS established, n.registered_capital AS registered_capital, n.region_code AS region_code, n.industry AS industry, n.address AS address, n.phone AS phone
