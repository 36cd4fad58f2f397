// purpose: give the restrictions and department tasks on persons their target's name as it is now (a load renamed them)
// mode: write
// params: frame
// touches: Restriction.target_name, Task.target_name
LOAD FROM $frame
MATCH (x:Restriction)-[:RESTRICTS]->(n:Person {pkey: key})
SET x.target_name = n.name
WITH x, n
MATCH (x)-[:ARISES_FROM]->(:CreditRecord)<-[:TASK_OF]-(t:Task)
WHERE t.target_key = n.pkey
SET t.target_name = n.name
