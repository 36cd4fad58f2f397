// purpose: update changed Enterprise nodes in place
// mode: write
// params: frame
// touches: Enterprise
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (n:Enterprise {uscc: uscc})
SET n.name = name, n.org_type = org_type, n.status = status, n.established = established, n.registered_capital = registered_capital, n.region_code = region_code, n.industry = industry, n.address = address, n.phone = phone
