// purpose: what tracking counts of every stored restriction: its measure, departments, record kind and the dates of its state
// mode: read
// params: 
MATCH (x:Restriction)
RETURN x.measure_code AS measure_code, x.departments AS departments, x.record_kind AS record_kind, x.from_date AS from_date, x.to_date AS to_date, x.suspended AS suspended, x.final_state AS final_state, x.final_since AS final_since
