// purpose: the restrictions pushed to departments (to one department, when named): the tasks before any answer
// mode: read
// params: department
MATCH (x:Restriction)
WHERE x.pushed_on IS NOT NULL AND ($department = '' OR x.departments CONTAINS $department)
RETURN x.rid AS rid, x.record_id AS record_id, x.measure_code AS measure_code, x.target_kind AS target_kind, x.target_key AS target_key, x.target_name AS target_name, x.departments AS departments, x.pushed_on AS pushed_on
