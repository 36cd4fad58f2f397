// purpose: the credit records of one person, as subject or as a person named responsible
// mode: read
// params: key
MATCH (p:Person {pkey: $key})-[x:SUBJECT_OF|RESPONSIBLE_FOR]->(r:CreditRecord)
RETURN p.pkey AS holder, CASE type(x) WHEN 'SUBJECT_OF' THEN 'subject' ELSE 'responsible' END AS relation,
       r.record_id AS record_id, r.kind AS kind, r.category AS category, r.level AS level,
       r.authority AS authority, r.basis AS basis, r.act_date AS act_date,
       r.decision_date AS decision_date, r.valid_until AS valid_until, r.repairable AS repairable,
       r.status AS status, r.monitoring_months AS monitoring_months, r.summary AS summary
