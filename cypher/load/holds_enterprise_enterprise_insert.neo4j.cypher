// purpose: bulk-insert new HOLDS edges from Enterprise to Enterprise
// mode: write
// params: rows
// touches: HOLDS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})
MATCH (b:Enterprise {uscc: r.dst})
CREATE (a)-[:HOLDS {eid: r.eid, ratio: r.ratio, ratio_derived: r.ratio_derived, subscribed_capital: r.subscribed_capital, since: r.since, until: r.until}]->(b)
