// purpose: how many other enterprises share exactly this address, and this phone
// mode: read
// params: uscc, address, phone
MATCH (f:Enterprise)
WHERE f.uscc <> $uscc
  AND ((f.address = $address AND $address <> '') OR (f.phone = $phone AND $phone <> ''))
RETURN count(CASE WHEN f.address = $address THEN 1 END) AS address,
       count(CASE WHEN f.phone = $phone THEN 1 END) AS phone
