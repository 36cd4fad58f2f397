// purpose: other enterprises registered with exactly the same address or phone (疑似关联), up to $limit
// mode: read
// params: uscc, address, phone, limit
// An empty $address or $phone matches nothing (stored values are never empty strings). Scans the table.
MATCH (f:Enterprise)
WHERE f.uscc <> $uscc
  AND ((f.address = $address AND $address <> '') OR (f.phone = $phone AND $phone <> ''))
RETURN f.uscc AS key, f.name AS name, f.status AS status,
       f.address = $address AS same_address, f.phone = $phone AS same_phone
ORDER BY f.uscc
LIMIT $limit
