// purpose: every department report, and the tasks pushed as nodes before push dates (tracking, lists)
// mode: read
// params: 
MATCH (t:Task)
RETURN t.task_id AS task_id, t.restriction_id AS restriction_id, t.record_id AS record_id, t.measure_code AS measure_code, t.target_kind AS target_kind, t.target_key AS target_key, t.target_name AS target_name, t.department AS department, t.created_on AS created_on, t.answered_on AS answered_on, t.answered_by AS answered_by, t.action AS action
