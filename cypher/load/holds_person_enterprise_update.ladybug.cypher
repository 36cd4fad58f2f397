// purpose: update changed HOLDS edges from Person to Enterprise in place
// mode: write
// params: frame
// touches: HOLDS
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
LOAD FROM $frame
MATCH (a:Person {pkey: src})-[h:HOLDS {eid: eid}]->(b:Enterprise {uscc: dst})
SET h.ratio = ratio, h.ratio_derived = ratio_derived, h.subscribed_capital = subscribed_capital, h.since = since, h.until = until
