// purpose: ids of the tasks already pushed for one record
// mode: read
// params: record_id
MATCH (t:Task)-[:TASK_OF]->(c:CreditRecord {record_id: $record_id})
RETURN t.task_id AS task_id
