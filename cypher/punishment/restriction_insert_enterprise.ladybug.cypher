// purpose: create restrictions on enterprises, linked to their target and record
// mode: write
// params: frame
// touches: Restriction, ARISES_FROM, RESTRICTS
LOAD FROM $frame
MATCH (t:Enterprise {uscc: target_key})
MATCH (c:CreditRecord {record_id: record_id})
CREATE (x:Restriction {rid: rid, target_kind: target_kind, target_key: target_key, target_name: target_name, measure_code: measure_code, measure_name: measure_name, means: means, departments: departments, measure_basis: measure_basis, bars_office: bars_office, record_id: record_id, record_kind: record_kind, record_status: record_status, record_authority: record_authority, role: role, office: office, via_enterprise: via_enterprise, role_edge: role_edge, role_since: role_since, role_until: role_until, role_date: role_date, role_date_source: role_date_source, from_date: from_date, to_date: to_date, suspended: suspended, final_state: final_state, final_since: final_since, final_reason: final_reason, pushed_on: pushed_on})
CREATE (x)-[:RESTRICTS {eid: rid}]->(t)
CREATE (x)-[:ARISES_FROM {eid: rid}]->(c)
