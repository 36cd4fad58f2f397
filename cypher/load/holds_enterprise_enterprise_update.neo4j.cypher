// purpose: update changed HOLDS edges from Enterprise to Enterprise in place
// mode: write
// params: rows
// touches: HOLDS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
UNWIND $rows AS r
MATCH (a:Enterprise {uscc: r.src})-[h:HOLDS {eid: r.eid}]->(b:Enterprise {uscc: r.dst})
SET h.ratio = r.ratio, h.ratio_derived = r.ratio_derived, h.subscribed_capital = r.subscribed_capital, h.since = r.since, h.until = r.until
