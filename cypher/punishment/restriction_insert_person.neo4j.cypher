// purpose: create restrictions on persons, linked to their target and record
// mode: write
// params: rows
// touches: Restriction, ARISES_FROM, RESTRICTS
UNWIND $rows AS r
MATCH (t:Person {pkey: r.target_key})
MATCH (c:CreditRecord {record_id: r.record_id})
CREATE (x:Restriction {rid: r.rid, target_kind: r.target_kind, target_key: r.target_key, target_name: r.target_name, measure_code: r.measure_code, measure_name: r.measure_name, means: r.means, departments: r.departments, measure_basis: r.measure_basis, bars_office: r.bars_office, record_id: r.record_id, record_kind: r.record_kind, record_status: r.record_status, record_authority: r.record_authority, role: r.role, office: r.office, via_enterprise: r.via_enterprise, role_edge: r.role_edge, role_since: r.role_since, role_until: r.role_until, role_date: r.role_date, role_date_source: r.role_date_source, from_date: r.from_date, to_date: r.to_date, suspended: r.suspended, final_state: r.final_state, final_since: r.final_since, final_reason: r.final_reason, pushed_on: r.pushed_on})
CREATE (x)-[:RESTRICTS {eid: r.rid}]->(t)
CREATE (x)-[:ARISES_FROM {eid: r.rid}]->(c)
