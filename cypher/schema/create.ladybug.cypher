// purpose: create every node and rel table
// mode: write
// params: 
// touches: *
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
CREATE NODE TABLE IF NOT EXISTS Enterprise(uscc STRING PRIMARY KEY, name STRING, org_type STRING, status STRING, established DATE, registered_capital DOUBLE, region_code STRING, industry STRING, address STRING, phone STRING);
CREATE NODE TABLE IF NOT EXISTS Person(pkey STRING PRIMARY KEY, name STRING, id_masked STRING, source_ref STRING);
CREATE NODE TABLE IF NOT EXISTS Project(code STRING PRIMARY KEY, name STRING, kind STRING, region_code STRING, status STRING, started DATE, ended DATE, outcome STRING);
CREATE NODE TABLE IF NOT EXISTS CreditRecord(record_id STRING PRIMARY KEY, kind STRING, category STRING, level STRING, authority STRING, basis STRING, act_date DATE, decision_date DATE, valid_until DATE, repairable BOOL, status STRING, monitoring_months INT64, summary STRING);
CREATE NODE TABLE IF NOT EXISTS Restriction(rid STRING PRIMARY KEY, target_kind STRING, target_key STRING, target_name STRING, measure_code STRING, measure_name STRING, means STRING, departments STRING, measure_basis STRING, bars_office BOOL, record_id STRING, record_kind STRING, record_status STRING, record_authority STRING, role STRING, office STRING, via_enterprise STRING, role_edge STRING, role_since DATE, role_until DATE, role_date DATE, role_date_source STRING, from_date DATE, to_date DATE, suspended STRING, final_state STRING, final_since DATE, final_reason STRING, pushed_on DATE);
CREATE NODE TABLE IF NOT EXISTS RecordEvent(event_id STRING PRIMARY KEY, record_id STRING, seq INT64, action STRING, from_status STRING, to_status STRING, actor STRING, on_date DATE, basis STRING, note STRING, recorded_at STRING);
CREATE NODE TABLE IF NOT EXISTS Correction(correction_id STRING PRIMARY KEY, action STRING, edge STRING, eid STRING, src STRING, dst STRING, was STRING, by STRING, authority STRING, on_date DATE, reason STRING, recorded_at STRING);
CREATE NODE TABLE IF NOT EXISTS Task(task_id STRING PRIMARY KEY, restriction_id STRING, record_id STRING, measure_code STRING, target_kind STRING, target_key STRING, target_name STRING, department STRING, created_on DATE, answered_on DATE, answered_by STRING, action STRING);
CREATE REL TABLE IF NOT EXISTS HOLDS(FROM Person TO Enterprise, FROM Enterprise TO Enterprise, eid STRING, ratio DOUBLE, ratio_derived BOOL, subscribed_capital DOUBLE, since DATE, until DATE);
CREATE REL TABLE IF NOT EXISTS LEGAL_REP_OF(FROM Person TO Enterprise, eid STRING, role STRING, since DATE, until DATE);
CREATE REL TABLE IF NOT EXISTS SERVES_AS(FROM Person TO Enterprise, eid STRING, role STRING, since DATE, until DATE);
CREATE REL TABLE IF NOT EXISTS SUBJECT_OF(FROM Enterprise TO CreditRecord, FROM Person TO CreditRecord, eid STRING);
CREATE REL TABLE IF NOT EXISTS RESPONSIBLE_FOR(FROM Person TO CreditRecord, eid STRING);
CREATE REL TABLE IF NOT EXISTS PARTICIPATES_IN(FROM Enterprise TO Project, eid STRING, role STRING);
CREATE REL TABLE IF NOT EXISTS GUARANTEES(FROM Enterprise TO Enterprise, FROM Person TO Enterprise, eid STRING, amount DOUBLE, since DATE, until DATE);
CREATE REL TABLE IF NOT EXISTS BRANCH_OF(FROM Enterprise TO Enterprise, eid STRING);
CREATE REL TABLE IF NOT EXISTS RESTRICTS(FROM Restriction TO Person, FROM Restriction TO Enterprise, eid STRING);
CREATE REL TABLE IF NOT EXISTS ARISES_FROM(FROM Restriction TO CreditRecord, eid STRING);
CREATE REL TABLE IF NOT EXISTS HAS_EVENT(FROM CreditRecord TO RecordEvent, eid STRING);
CREATE REL TABLE IF NOT EXISTS TASK_OF(FROM Task TO CreditRecord, eid STRING);
