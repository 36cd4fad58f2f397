// purpose: ids of every task already pushed
// mode: read
// params: 
MATCH (t:Task)
RETURN t.task_id AS task_id
