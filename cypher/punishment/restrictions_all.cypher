// purpose: every stored restriction (tracking, rebuild checks)
// mode: read
// params: 
MATCH (x:Restriction)
RETURN x.rid AS rid, x.target_kind AS target_kind, x.target_key AS target_key, x.target_name AS target_name, x.measure_code AS measure_code, x.measure_name AS measure_name, x.means AS means, x.departments AS departments, x.measure_basis AS measure_basis, x.bars_office AS bars_office, x.record_id AS record_id, x.record_kind AS record_kind, x.record_status AS record_status, x.record_authority AS record_authority, x.role AS role, x.office AS office, x.via_enterprise AS via_enterprise, x.role_edge AS role_edge, x.role_since AS role_since, x.role_until AS role_until, x.role_date AS role_date, x.role_date_source AS role_date_source, x.from_date AS from_date, x.to_date AS to_date, x.suspended AS suspended, x.final_state AS final_state, x.final_since AS final_since, x.final_reason AS final_reason, x.pushed_on AS pushed_on
