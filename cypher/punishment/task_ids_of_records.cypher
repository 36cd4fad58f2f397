// purpose: ids of the tasks already pushed for the given records
// mode: read
// params: ids
UNWIND $ids AS id
MATCH (t:Task)-[:TASK_OF]->(c:CreditRecord {record_id: id})
RETURN t.task_id AS task_id
