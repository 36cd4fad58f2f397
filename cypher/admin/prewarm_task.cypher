// purpose: read every column of the Task table once (warm-up)
// mode: read
// params: 
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
MATCH (n:Task)
RETURN count(n.task_id) AS task_id, count(n.restriction_id) AS restriction_id, count(n.record_id) AS record_id, count(n.measure_code) AS measure_code, count(n.target_kind) AS target_kind, count(n.target_key) AS target_key, count(n.target_name) AS target_name, count(n.department) AS department, count(n.created_on) AS created_on, count(n.answered_on) AS answered_on, count(n.answered_by) AS answered_by, count(n.action) AS action
