// purpose: create department tasks, linked to their record
// mode: write
// params: frame
// touches: Task, TASK_OF
LOAD FROM $frame
MATCH (c:CreditRecord {record_id: record_id})
CREATE (t:Task {task_id: task_id, restriction_id: restriction_id, record_id: record_id, measure_code: measure_code, target_kind: target_kind, target_key: target_key, target_name: target_name, department: department, created_on: created_on, answered_on: answered_on, answered_by: answered_by, action: action})
CREATE (t)-[:TASK_OF {eid: task_id}]->(c)
