"""Ownership up and down, integrated ownership through cycles, beneficial owners, actual controllers.

The database fetches a bounded subgraph hop by hop (one indexed named query per hop, holdings in
force on `as_of` only, a cap on the nodes fetched); everything else happens in Python:

- **integrated ownership** of i in t is the sum over all walks i -> t of the product of the shares,
  ``[(I - A)^-1 - I][i, t]`` with ``A[i, j]`` the share of j held directly by i. Only t's column is
  solved, ``(I - A) z = e_t``, never an inverse: by back-substitution in topological order when the
  subgraph has no cycle (I - A is then triangular), by one sparse LU solve (scipy) when it has. A target whose direct holdings
  sum above 100% (beyond `OVER_FULL_TOLERANCE`), or a ring of cross-holdings that closes on itself
  (spectral radius >= 1, e.g. two companies each holding 100% of the other), makes the numbers of
  every owner whose walks pass through it meaningless: those owners are reported as undetermined,
  with the reason, and the rest are computed exactly (walks that never enter the bad node).
- **per-path breakdown**: the simple paths with the largest products, by a bounded best-first search.
- **beneficial owners**: natural persons and state bodies (`org_type` government) whose integrated
  ownership reaches a threshold.
- **actual controller**: majority control (> 50%), counting what a holder holds directly plus what
  the companies it controls hold, followed to the top.

Every answer is a pydantic model carrying its evidence (the holding edges with their dates, shares
and whether the share was derived from subscribed capital) and `to_frame()` for notebooks.

The modules: `models` (the answers), `fetch` (the hop-by-hop fetch), `stakes` (holdings merged per
pair), `integrate` (integrated ownership and paths), `control` (the actual controller) and
`questions` (the public functions, re-exported here).
"""

from __future__ import annotations

from graph_credit.ownership.control import MAJORITY
from graph_credit.ownership.fetch import (
    DEFAULT_DEPTH,
    DEFAULT_MAX_NODES,
    HOP_ROW_LIMIT,
    LADYBUG_PER_KEY_FRONTIER,
    MAX_DEPTH,
    MAX_MAX_NODES,
)
from graph_credit.ownership.integrate import PATH_MIN_PRODUCT, PATH_SEARCH_BUDGET, PATHS_PER_OWNER
from graph_credit.ownership.models import (
    BeneficialOwner,
    BeneficialOwnership,
    Controller,
    ControlStep,
    EffectiveOwner,
    EffectiveOwnership,
    HolderVotes,
    Holding,
    Issue,
    OwnershipAnalysis,
    OwnershipPath,
    OwnershipTree,
    Party,
    TreeNode,
)
from graph_credit.ownership.questions import (
    DEFAULT_THRESHOLD,
    actual_controller,
    beneficial_owners,
    effective_owners,
    ownership_analysis,
    ownership_down,
    ownership_up,
)

# The questions are this package's API wherever they are defined: the investigator catalogue
# lists the functions whose module is `graph_credit.ownership`, and the documentation names them so.
for _fn in (
    actual_controller,
    beneficial_owners,
    effective_owners,
    ownership_analysis,
    ownership_down,
    ownership_up,
):
    _fn.__module__ = __name__
del _fn

__all__ = [
    "DEFAULT_DEPTH",
    "DEFAULT_MAX_NODES",
    "DEFAULT_THRESHOLD",
    "HOP_ROW_LIMIT",
    "LADYBUG_PER_KEY_FRONTIER",
    "MAJORITY",
    "MAX_DEPTH",
    "MAX_MAX_NODES",
    "PATHS_PER_OWNER",
    "PATH_MIN_PRODUCT",
    "PATH_SEARCH_BUDGET",
    "BeneficialOwner",
    "BeneficialOwnership",
    "ControlStep",
    "Controller",
    "EffectiveOwner",
    "EffectiveOwnership",
    "HolderVotes",
    "Holding",
    "Issue",
    "OwnershipAnalysis",
    "OwnershipPath",
    "OwnershipTree",
    "Party",
    "TreeNode",
    "actual_controller",
    "beneficial_owners",
    "effective_owners",
    "ownership_analysis",
    "ownership_down",
    "ownership_up",
]
