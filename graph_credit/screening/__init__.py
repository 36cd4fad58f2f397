"""The investment-attraction credit check (信用+精准招商, 000 §3(5)) and credit grading (000 §18).

    from graph_credit.screening import screen, screen_batch, render_report, load_policy
    result = screen(store, "91230800...", as_of="2024-06-30")
    result.grade, result.verdict, result.to_frame()

Modules: `policy` (the YAML rules), `evidence` (the queries), `records` (record states on a date),
`grading` (findings, grade, verdict), `check` (one candidate), `batch`, `report` (HTML).
"""

from graph_credit.screening.batch import read_candidates, screen_batch, write_batch
from graph_credit.screening.check import resolve_candidate, screen
from graph_credit.screening.models import (
    BatchResult,
    Candidate,
    CandidateChoice,
    Finding,
    RecordEvidence,
    RestrictionEvidence,
    ScreeningResult,
)
from graph_credit.screening.policy import DEFAULT_POLICY, Policy, current_policy, load_policy, parse_policy
from graph_credit.screening.report import render_report

__all__ = [
    "DEFAULT_POLICY",
    "BatchResult",
    "Candidate",
    "CandidateChoice",
    "Finding",
    "Policy",
    "RecordEvidence",
    "RestrictionEvidence",
    "ScreeningResult",
    "current_policy",
    "load_policy",
    "parse_policy",
    "read_candidates",
    "render_report",
    "resolve_candidate",
    "screen",
    "screen_batch",
    "write_batch",
]
