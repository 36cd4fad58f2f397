// purpose: records still active or under objection whose validity ended before a date
// mode: read
// params: day
MATCH (c:CreditRecord)
WHERE c.valid_until < $day AND c.status IN ['active', 'under_objection']
RETURN c.record_id AS record_id
