// purpose: create a credit record of a enterprise, with its SUBJECT_OF edge
// mode: write
// params: rows
// touches: CreditRecord, SUBJECT_OF
UNWIND $rows AS r
MATCH (s:Enterprise {uscc: r.subject_key})
CREATE (s)-[:SUBJECT_OF {eid: r.eid}]->(c:CreditRecord {record_id: r.record_id, kind: r.kind, category: r.category, level: r.level, authority: r.authority, basis: r.basis, act_date: r.act_date, decision_date: r.decision_date, valid_until: r.valid_until, repairable: r.repairable, status: r.status, monitoring_months: r.monitoring_months, summary: r.summary})
