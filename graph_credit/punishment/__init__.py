"""Joint punishment: the measure catalogue, propagation to responsible persons, record lifecycle.

004 §8: "对企事业单位严重失信行为 … 对其法定代表人、主要负责人和其他负有直接责任人员采取相应的联合
惩戒措施，使失信惩戒措施落实到人". Restrictions are derived facts kept in the graph (a `Restriction`
node linked to its target and its record), so "is this subject restricted on date D, and why" is a
key lookup and one hop; they can always be rebuilt from the records, their lifecycle events, the
role edges and the catalogue.
"""

from graph_credit.punishment.catalogue import Measure, MeasureCatalogue, load_catalogue
from graph_credit.punishment.lifecycle import (
    Transition,
    activate_record,
    add_record,
    decide_objection,
    expire_records,
    file_objection,
    record_history,
    repair_record,
)
from graph_credit.punishment.lookup import (
    incentive_status,
    monitoring_status,
    published,
    restricted_persons,
    restrictions,
)
from graph_credit.punishment.propagation import Propagation, propagate
from graph_credit.punishment.rebuild import Rebuild, Rederive, rebuild_restrictions, rederive
from graph_credit.punishment.tasks import report_task, tasks, tracking
from graph_credit.punishment.views import (
    IncentiveStatus,
    MonitoringStatus,
    PublishedRecord,
    RecordHistory,
    RelatedRisk,
    RestrictedPersons,
    Restriction,
    SubjectRestrictions,
    Task,
    TaskList,
    Tracking,
)

__all__ = [
    "IncentiveStatus",
    "Measure",
    "MeasureCatalogue",
    "MonitoringStatus",
    "Propagation",
    "PublishedRecord",
    "Rebuild",
    "RecordHistory",
    "Rederive",
    "RelatedRisk",
    "RestrictedPersons",
    "Restriction",
    "SubjectRestrictions",
    "Task",
    "TaskList",
    "Tracking",
    "Transition",
    "activate_record",
    "add_record",
    "decide_objection",
    "expire_records",
    "file_objection",
    "incentive_status",
    "load_catalogue",
    "monitoring_status",
    "propagate",
    "published",
    "rebuild_restrictions",
    "record_history",
    "rederive",
    "repair_record",
    "report_task",
    "restricted_persons",
    "restrictions",
    "tasks",
    "tracking",
]
