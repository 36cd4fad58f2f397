// purpose: read every column of the Correction table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Correction)
RETURN count(n.correction_id) AS correction_id, count(n.action) AS action, count(n.edge) AS edge, count(n.eid) AS eid, count(n.src) AS src, count(n.dst) AS dst, count(n.was) AS was, count(n.by) AS by, count(n.authority) AS authority, count(n.on_date) AS on_date, count(n.reason) AS reason, count(n.recorded_at) AS recorded_at
