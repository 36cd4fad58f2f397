// purpose: bulk-link tasks to their records (rebuild)
// mode: write
// params: rows
// touches: TASK_OF
UNWIND $rows AS r
MATCH (t:Task {task_id: r.src})
MATCH (c:CreditRecord {record_id: r.dst})
CREATE (t)-[:TASK_OF {eid: r.eid}]->(c)
