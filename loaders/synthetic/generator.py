"""`generate`: plans the register once, then writes the eight files in order."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .columns import write
from .dirty import DirtyRows
from .enterprises import Enterprises
from .holdings import Holdings
from .persons import Persons
from .plan_enterprises import EnterprisePlan
from .projects import Projects
from .records import Records
from .regions import ANCHORS
from .roles import Roles
from .scales import FILES, SCALES, Scale


def generate(scale: str, out_dir: Path, seed: int = 20230811, *, dirty_rows: bool = False) -> dict[str, int]:
    """Write a synthetic bundle of the named scale into out_dir; return the rows per file."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    g = _Generator(SCALES[scale], seed)
    counts: dict[str, int] = {}
    for name, build in (
        ("enterprises.csv", g.enterprises),
        ("persons.csv", g.persons),
        ("holdings.csv", g.holdings),
        ("roles.csv", g.roles),
        ("projects.csv", g.projects),
        ("participations.csv", g.participations),
        ("records.csv", g.records),
        ("guarantees.csv", g.guarantees),
    ):
        columns = build()
        extra = g.dirty(name) if dirty_rows else None
        counts[name] = write(out_dir / name, columns, extra)
    return {name: counts[name] for name in FILES}


class _Generator(EnterprisePlan, Persons, Enterprises, Holdings, Roles, Projects, Records, DirtyRows):
    """The whole register, planned at construction; one method per file builds its columns.

    Each file's builder is a mixin in its own module; they share the plan through attributes
    (`kind`, `est`, `crole`, ...) that the planning methods set, and draw from the one `rng`
    in the order `generate` calls them, which is what makes the output reproducible.
    """

    def __init__(self, scale: Scale, seed: int):
        self.rng = np.random.default_rng(seed)
        self.n = max(scale.enterprises, len(ANCHORS) + 50)
        self.n_persons = round(self.n * scale.persons_per_enterprise)
        self.ref_width = max(7, len(str(self.n_persons)))
        self._plan_enterprises()
        self._plan_persons()
        self._plan_people_in_enterprises()
