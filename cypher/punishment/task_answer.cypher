// purpose: a department's report on a pushed task, the first written for it
// mode: write
// params: task_id, restriction_id, record_id, measure_code, target_kind, target_key, target_name, department, created_on, answered_on, answered_by, action
// touches: Task, TASK_OF
MATCH (c:CreditRecord {record_id: $record_id})
CREATE (t:Task {task_id: $task_id, restriction_id: $restriction_id, record_id: $record_id, measure_code: $measure_code, target_kind: $target_kind, target_key: $target_key, target_name: $target_name, department: $department, created_on: $created_on, answered_on: $answered_on, answered_by: $answered_by, action: $action})
CREATE (t)-[:TASK_OF {eid: $task_id}]->(c)
RETURN t.task_id AS task_id
