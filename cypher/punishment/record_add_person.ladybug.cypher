// purpose: create a credit record of a person, with its SUBJECT_OF edge
// mode: write
// params: frame
// touches: CreditRecord, SUBJECT_OF
LOAD FROM $frame
MATCH (s:Person {pkey: subject_key})
CREATE (s)-[:SUBJECT_OF {eid: eid}]->(c:CreditRecord {record_id: record_id, kind: kind, category: category, level: level, authority: authority, basis: basis, act_date: act_date, decision_date: decision_date, valid_until: valid_until, repairable: repairable, status: status, monitoring_months: monitoring_months, summary: summary})
