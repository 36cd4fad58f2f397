// purpose: create key constraints and edge-identity indexes
// mode: write
// params: 
// touches: *
// generated from graph_credit/model.py by `python -m graph_credit.schema`: do not edit
CREATE CONSTRAINT enterprise_uscc IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.uscc IS UNIQUE;
CREATE CONSTRAINT person_pkey IF NOT EXISTS FOR (n:Person) REQUIRE n.pkey IS UNIQUE;
CREATE CONSTRAINT project_code IF NOT EXISTS FOR (n:Project) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT credit_record_record_id IF NOT EXISTS FOR (n:CreditRecord) REQUIRE n.record_id IS UNIQUE;
CREATE CONSTRAINT restriction_rid IF NOT EXISTS FOR (n:Restriction) REQUIRE n.rid IS UNIQUE;
CREATE CONSTRAINT record_event_event_id IF NOT EXISTS FOR (n:RecordEvent) REQUIRE n.event_id IS UNIQUE;
CREATE CONSTRAINT correction_correction_id IF NOT EXISTS FOR (n:Correction) REQUIRE n.correction_id IS UNIQUE;
CREATE CONSTRAINT task_task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.task_id IS UNIQUE;
CREATE INDEX holds_eid IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.eid);
CREATE INDEX legal_rep_of_eid IF NOT EXISTS FOR ()-[r:LEGAL_REP_OF]-() ON (r.eid);
CREATE INDEX serves_as_eid IF NOT EXISTS FOR ()-[r:SERVES_AS]-() ON (r.eid);
CREATE INDEX subject_of_eid IF NOT EXISTS FOR ()-[r:SUBJECT_OF]-() ON (r.eid);
CREATE INDEX responsible_for_eid IF NOT EXISTS FOR ()-[r:RESPONSIBLE_FOR]-() ON (r.eid);
CREATE INDEX participates_in_eid IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.eid);
CREATE INDEX guarantees_eid IF NOT EXISTS FOR ()-[r:GUARANTEES]-() ON (r.eid);
CREATE INDEX branch_of_eid IF NOT EXISTS FOR ()-[r:BRANCH_OF]-() ON (r.eid);
CREATE INDEX restricts_eid IF NOT EXISTS FOR ()-[r:RESTRICTS]-() ON (r.eid);
CREATE INDEX arises_from_eid IF NOT EXISTS FOR ()-[r:ARISES_FROM]-() ON (r.eid);
CREATE INDEX has_event_eid IF NOT EXISTS FOR ()-[r:HAS_EVENT]-() ON (r.eid);
CREATE INDEX task_of_eid IF NOT EXISTS FOR ()-[r:TASK_OF]-() ON (r.eid);
CREATE TEXT INDEX enterprise_name_text IF NOT EXISTS FOR (n:Enterprise) ON (n.name);
CREATE INDEX enterprise_name IF NOT EXISTS FOR (n:Enterprise) ON (n.name);
CREATE TEXT INDEX person_name_text IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
