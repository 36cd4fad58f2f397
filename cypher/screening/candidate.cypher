// purpose: the enterprise a credit check is about, with the identity its report shows
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})
RETURN e.uscc AS uscc, e.name AS name, e.org_type AS org_type, e.status AS status,
       e.established AS established, e.registered_capital AS registered_capital,
       e.region_code AS region_code, e.industry AS industry, e.address AS address
