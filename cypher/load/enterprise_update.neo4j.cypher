// purpose: update changed Enterprise nodes in place
// mode: write
// params: rows
// touches: Enterprise
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (n:Enterprise {uscc: r.uscc})
SET n.name = r.name, n.org_type = r.org_type, n.status = r.status, n.established = r.established, n.registered_capital = r.registered_capital, n.region_code = r.region_code, n.industry = r.industry, n.address = r.address, n.phone = r.phone
