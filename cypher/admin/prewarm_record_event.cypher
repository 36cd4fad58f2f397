// purpose: read every column of the RecordEvent table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:RecordEvent)
RETURN count(n.event_id) AS event_id, count(n.record_id) AS record_id, count(n.seq) AS seq, count(n.action) AS action, count(n.from_status) AS from_status, count(n.to_status) AS to_status, count(n.actor) AS actor, count(n.on_date) AS on_date, count(n.basis) AS basis, count(n.note) AS note, count(n.recorded_at) AS recorded_at
