// purpose: the projects an enterprise took part in, with its role and how each ended
// mode: read
// params: uscc
MATCH (e:Enterprise {uscc: $uscc})-[t:PARTICIPATES_IN]->(p:Project)
RETURN p.code AS code, p.name AS name, p.kind AS kind, p.status AS status, p.started AS started,
       p.ended AS ended, p.outcome AS outcome, t.role AS role
