// purpose: bulk-insert new Enterprise nodes
// mode: write
// params: rows
// touches: Enterprise
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
CREATE (n:Enterprise {uscc: r.uscc, name: r.name, org_type: r.org_type, status: r.status, established: r.established, registered_capital: r.registered_capital, region_code: r.region_code, industry: r.industry, address: r.address, phone: r.phone})
