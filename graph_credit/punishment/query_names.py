"""The punishment queries that come in one file per subject kind, named in full: a grep for a
`.cypher` file finds its caller here, and tests/test_query_names.py fails on a name with no file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubjectQueries:
    restrictions: str  # every restriction on one subject, with its record and measure
    subject: str  # the subject itself (does it exist, its name)
    records: str  # the credit records of one subject
    events: str  # their lifecycle events
    record_add: str  # a new record against a subject of this kind (bulk write)
    restriction_insert: str  # derived restrictions targeting this kind (bulk write)
    restricts_copy: str  # the RESTRICTS edges of a full rebuild (bulk copy)
    target_names: str  # restrictions and tasks take a renamed target's new name


BY_KIND: dict[str, SubjectQueries] = {
    "Enterprise": SubjectQueries(
        restrictions="punishment/restrictions_enterprise",
        subject="punishment/subject_enterprise",
        records="punishment/subject_records_enterprise",
        events="punishment/subject_events_enterprise",
        record_add="punishment/record_add_enterprise",
        restriction_insert="punishment/restriction_insert_enterprise",
        restricts_copy="punishment/restricts_copy_enterprise",
        target_names="punishment/target_names_enterprise",
    ),
    "Person": SubjectQueries(
        restrictions="punishment/restrictions_person",
        subject="punishment/subject_person",
        records="punishment/subject_records_person",
        events="punishment/subject_events_person",
        record_add="punishment/record_add_person",
        restriction_insert="punishment/restriction_insert_person",
        restricts_copy="punishment/restricts_copy_person",
        target_names="punishment/target_names_person",
    ),
}

# A full rebuild empties the derived tables, edges before the nodes they join.
DROP_DERIVED: tuple[str, ...] = (
    "punishment/drop_restricts",
    "punishment/drop_arises_from",
    "punishment/drop_restriction",
)
