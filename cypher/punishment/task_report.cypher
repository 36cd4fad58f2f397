// purpose: a department reports what it did about a task pushed as a node (a database from before push dates)
// mode: write
// params: task_id, answered_on, answered_by, action
// touches: Task.action, Task.answered_by, Task.answered_on
MATCH (t:Task {task_id: $task_id})
WHERE t.answered_on IS NULL
SET t.answered_on = $answered_on, t.answered_by = $answered_by, t.action = $action
RETURN t.task_id AS task_id
