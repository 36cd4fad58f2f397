"""The answers of the ownership questions: pydantic models carrying their evidence.

Every answer carries the holding edges behind it (with their dates, shares and whether the share
was derived from subscribed capital) and `to_frame()` for notebooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field, computed_field

from graph_credit.model import OrgType


class Party(BaseModel):
    """A person or an enterprise (or other organisation) in an ownership answer."""

    key: str = Field(description="USCC of an enterprise, person key (keyed hash) of a person")
    kind: Literal["person", "enterprise"]
    name: str | None = None
    org_type: str | None = None
    id_masked: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_state(self) -> bool:
        """A state body (机关, state-asset supervisor): an enterprise with org_type government."""
        return self.kind == "enterprise" and self.org_type == OrgType.GOVERNMENT.value

    @property
    def label(self) -> str:
        return f"{self.name or '?'} ({self.key})"


class Holding(BaseModel):
    """One HOLDS edge in force on the date asked about: the evidence behind every number."""

    holder: str
    target: str
    ratio: float
    ratio_derived: bool = Field(False, description="share derived from subscribed capital")
    subscribed_capital: float | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class Issue(BaseModel):
    """Something that stops or limits an answer, said plainly."""

    kind: Literal["over_full", "divergent_cycle", "singular", "node_cap", "row_cap", "depth_limit"]
    message: str
    nodes: list[str] = Field(default_factory=list, description="where the problem is")
    affected: list[str] = Field(
        default_factory=list, description="targets in the chain whose figures it affects"
    )
    total: float | None = Field(None, description="for over_full: the holdings' sum")


class TreeNode(Party):
    level: int = Field(description="hops from the subject (the first time the node was reached)")
    expanded: bool = Field(description="whether its holders (up) or holdings (down) were fetched")


class OwnershipTree(BaseModel):
    """The holdings in force around one subject, fetched hop by hop, up (holders) or down (stakes).

    Cycles are possible, so it is a graph: `edges` hold every holding fetched; `holders_of` and
    `holdings_of` walk it."""

    subject: Party
    direction: Literal["up", "down"]
    as_of: dt.date
    depth: int
    max_nodes: int
    nodes: list[TreeNode]
    edges: list[Holding]
    depth_reached: int
    truncated: bool = Field(description="the node cap or a hop's row cap cut the fetch")
    depth_limited: bool = Field(description="nodes at the depth limit have further links not fetched")
    issues: list[Issue] = Field(default_factory=list)

    def party(self, key: str) -> TreeNode:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)

    def holders_of(self, key: str) -> list[Holding]:
        return [e for e in self.edges if e.target == key]

    def holdings_of(self, key: str) -> list[Holding]:
        return [e for e in self.edges if e.holder == key]

    def to_frame(self) -> pd.DataFrame:
        """One row per holding, with both ends' names and the far end's level."""
        by_key = {n.key: n for n in self.nodes}
        rows = []
        for e in self.edges:
            h, t = by_key[e.holder], by_key[e.target]
            rows.append(
                {
                    "holder": e.holder,
                    "holder_name": h.name,
                    "holder_kind": "state" if h.is_state else h.kind,
                    "target": e.target,
                    "target_name": t.name,
                    "ratio": e.ratio,
                    "ratio_derived": e.ratio_derived,
                    "since": e.since,
                    "until": e.until,
                    "level": h.level if self.direction == "up" else t.level,
                }
            )
        return pd.DataFrame(rows, columns=_TREE_COLUMNS)


_TREE_COLUMNS = [
    "holder",
    "holder_name",
    "holder_kind",
    "target",
    "target_name",
    "ratio",
    "ratio_derived",
    "since",
    "until",
    "level",
]


class OwnershipPath(BaseModel):
    """One simple path from an owner down to the target, and its product of shares."""

    keys: list[str] = Field(description="owner first, target last")
    names: list[str | None]
    shares: list[float] = Field(description="the share at each step (summed over parallel edges)")
    contribution: float
    ratio_derived: bool = Field(description="a step rests on a share derived from subscribed capital")
    edges: list[Holding]

    def describe(self) -> str:
        out = f"{self.names[0] or self.keys[0]}"
        for name, key, share in zip(self.names[1:], self.keys[1:], self.shares, strict=True):
            out += f" -{share:.2%}-> {name or key}"
        return out


class EffectiveOwner(BaseModel):
    party: Party
    share: float | None = Field(description="integrated ownership in the target; None if undetermined")
    direct: float = Field(description="direct share in the target")
    ultimate: bool = Field(description="nobody holds it on the date (persons always)")
    holders_fetched: bool = Field(description="False when the depth limit or the node cap stopped above it")
    paths: list[OwnershipPath] = Field(default_factory=list, description="largest simple paths first")
    via_cycles: float | None = Field(
        None, description="share not explained by simple paths (walks around cross-holdings)"
    )
    ratio_derived: bool = Field(False, description="some evidence share is derived from capital")
    undetermined: str | None = Field(None, description="why no figure is given")


class EffectiveOwnership(BaseModel):
    """Integrated ownership of every owner in the fetched upstream subgraph of one target."""

    target: Party
    as_of: dt.date
    depth: int
    owners: list[EffectiveOwner]
    self_held: float = Field(0.0, description="the target's own integrated holding through cycles")
    edges: list[Holding]
    issues: list[Issue] = Field(default_factory=list)
    truncated: bool = False
    depth_limited: bool = False
    paths_exhaustive: bool = Field(
        True, description="the path search saw every simple path above the minimum product"
    )

    def owner(self, key: str) -> EffectiveOwner:
        for o in self.owners:
            if o.party.key == key:
                return o
        raise KeyError(key)

    def to_frame(self) -> pd.DataFrame:
        return _owners_frame(self.owners)

    def paths_frame(self) -> pd.DataFrame:
        rows = [
            {
                "owner": o.party.key,
                "owner_name": o.party.name,
                "path": p.describe(),
                "contribution": p.contribution,
                "ratio_derived": p.ratio_derived,
            }
            for o in self.owners
            for p in o.paths
        ]
        return pd.DataFrame(rows, columns=["owner", "owner_name", "path", "contribution", "ratio_derived"])


class BeneficialOwner(BaseModel):
    party: Party
    kind: Literal["natural_person", "state"]
    share: float
    direct: float
    paths: list[OwnershipPath]
    via_cycles: float | None = None
    ratio_derived: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def state(self) -> bool:
        return self.kind == "state"


class BeneficialOwnership(BaseModel):
    """Natural persons and state bodies whose integrated ownership reaches the threshold."""

    target: Party
    as_of: dt.date
    threshold: float
    owners: list[BeneficialOwner]
    undetermined: list[EffectiveOwner] = Field(
        default_factory=list, description="persons and state bodies whose share cannot be computed"
    )
    opaque: list[EffectiveOwner] = Field(
        default_factory=list,
        description="enterprises at the top of the known chain, at or above the threshold, whose "
        "own owners are unknown (no holders recorded, or not fetched)",
    )
    issues: list[Issue] = Field(default_factory=list)
    message: str

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "key": b.party.key,
                "name": b.party.name,
                "kind": b.kind,
                "share": b.share,
                "direct": b.direct,
                "ratio_derived": b.ratio_derived,
                "top_path": b.paths[0].describe() if b.paths else None,
            }
            for b in self.owners
        ]
        return pd.DataFrame(
            rows, columns=["key", "name", "kind", "share", "direct", "ratio_derived", "top_path"]
        )


class HolderVotes(BaseModel):
    """A holder's weight in one enterprise: its own stake plus what the companies it controls hold."""

    party: Party
    direct: float
    votes: float
    via: list[Party] = Field(default_factory=list, description="controlled companies whose stakes count")


class ControlStep(BaseModel):
    """`controller` controls `controlled` with `votes` (> 50%), counting `holdings`."""

    controller: Party
    controlled: Party
    votes: float
    via: list[Party] = Field(default_factory=list, description="companies it controls that hold stakes")
    holdings: list[Holding]


class Controller(BaseModel):
    """The actual controller (实际控制人) of an enterprise, by majority control followed to the top."""

    target: Party
    as_of: dt.date
    status: Literal["controlled", "no_controller", "undetermined"]
    controller: Party | None = None
    control: float | None = Field(None, description="the controller's votes in the target")
    chain: list[Party] = Field(default_factory=list, description="controller first, target last")
    steps: list[ControlStep] = Field(default_factory=list, description="one per link, top down")
    largest_holders: list[HolderVotes] = Field(default_factory=list)
    message: str
    issues: list[Issue] = Field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        rows = [
            {
                "controller": s.controller.key,
                "controller_name": s.controller.name,
                "controlled": s.controlled.key,
                "controlled_name": s.controlled.name,
                "votes": s.votes,
                "via": ", ".join(p.key for p in s.via),
                "ratio_derived": any(h.ratio_derived for h in s.holdings),
            }
            for s in self.steps
        ]
        return pd.DataFrame(
            rows,
            columns=[
                "controller",
                "controller_name",
                "controlled",
                "controlled_name",
                "votes",
                "via",
                "ratio_derived",
            ],
        )


def _owners_frame(owners: Iterable[EffectiveOwner]) -> pd.DataFrame:
    rows = [
        {
            "key": o.party.key,
            "name": o.party.name,
            "kind": "state" if o.party.is_state else o.party.kind,
            "share": o.share,
            "direct": o.direct,
            "ultimate": o.ultimate,
            "via_cycles": o.via_cycles,
            "ratio_derived": o.ratio_derived,
            "undetermined": o.undetermined,
            "top_path": o.paths[0].describe() if o.paths else None,
        }
        for o in owners
    ]
    columns = ["key", "name", "kind", "share", "direct", "ultimate", "via_cycles", "ratio_derived"]
    return pd.DataFrame(rows, columns=[*columns, "undetermined", "top_path"])


class OwnershipAnalysis(BaseModel):
    """Integrated owners, beneficial owners and the actual controller from one upstream fetch."""

    effective: EffectiveOwnership
    beneficial: BeneficialOwnership
    controller: Controller
