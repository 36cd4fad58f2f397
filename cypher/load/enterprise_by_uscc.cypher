// purpose: one enterprise's stored properties
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})
RETURN e.uscc AS uscc, e.name AS name, e.org_type AS org_type, e.status AS status,
       e.established AS established, e.registered_capital AS registered_capital,
       e.region_code AS region_code, e.phone AS phone
