// purpose: bulk-insert department tasks (rebuild)
// mode: write
// params: rows
// touches: Task
UNWIND $rows AS r
CREATE (t:Task {task_id: r.task_id, restriction_id: r.restriction_id, record_id: r.record_id, measure_code: r.measure_code, target_kind: r.target_kind, target_key: r.target_key, target_name: r.target_name, department: r.department, created_on: r.created_on, answered_on: r.answered_on, answered_by: r.answered_by, action: r.action})
