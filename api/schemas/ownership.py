"""Ownership answers: trees up and down, integrated owners, beneficial owners, the actual controller.

Shares are fractions (0.6 is 60 %); every figure comes with the holdings it rests on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from api.schemas.common import ApiModel
from api.schemas.graph import ACME, ZHANG

EX_ACME = {
    "key": ACME,
    "kind": "enterprise",
    "name": "佳木斯甲实业有限公司",
    "org_type": "enterprise",
    "id_masked": None,
    "is_state": False,
}
EX_ZHANG = {
    "key": ZHANG,
    "kind": "person",
    "name": "张三",
    "org_type": None,
    "id_masked": "1101**********002X",
    "is_state": False,
}
EX_HOLDING = {
    "holder": ZHANG,
    "target": ACME,
    "ratio": 0.6,
    "ratio_derived": False,
    "subscribed_capital": None,
    "since": "2015-01-01",
    "until": None,
}
EX_PATH = {
    "keys": [ZHANG, ACME],
    "names": ["张三", "佳木斯甲实业有限公司"],
    "shares": [0.6],
    "contribution": 0.6,
    "ratio_derived": False,
    "edges": [EX_HOLDING],
}


class Party(ApiModel):
    """A person or an enterprise (or other organisation) in an ownership answer."""

    key: str = Field(
        examples=[ACME], description="USCC of an enterprise, person key (keyed hash) of a person"
    )
    kind: Literal["person", "enterprise"] = Field(examples=["enterprise"])
    name: str | None = Field(None, examples=["佳木斯甲实业有限公司"])
    org_type: str | None = Field(None, examples=["enterprise"])
    id_masked: str | None = Field(None, examples=[None], description="persons, for roles that may see it")
    is_state: bool = Field(
        examples=[False], description="a state body (机关, state-asset supervisor): org_type government"
    )

    model_config = ConfigDict(json_schema_extra={"examples": [EX_ACME, EX_ZHANG]})


class Holding(ApiModel):
    """One HOLDS edge in force on the date asked about: the evidence behind every number."""

    holder: str = Field(examples=[ZHANG])
    target: str = Field(examples=[ACME])
    ratio: float = Field(examples=[0.6])
    ratio_derived: bool = Field(False, examples=[False], description="share derived from subscribed capital")
    subscribed_capital: float | None = Field(None, examples=[None], description="万元")
    since: dt.date | None = Field(None, examples=["2015-01-01"])
    until: dt.date | None = Field(None, examples=[None])

    model_config = ConfigDict(json_schema_extra={"examples": [EX_HOLDING]})


class Issue(ApiModel):
    """Something that stops or limits an answer, said plainly."""

    kind: Literal["over_full", "divergent_cycle", "singular", "node_cap", "row_cap", "depth_limit"] = Field(
        examples=["over_full"]
    )
    message: str = Field(examples=[f"holdings in {ACME} sum to 110.0%"])
    nodes: list[str] = Field(default_factory=list, examples=[[ACME]], description="where the problem is")
    affected: list[str] = Field(
        default_factory=list, examples=[[]], description="targets in the chain whose figures it affects"
    )
    total: float | None = Field(None, examples=[1.1], description="for over_full: the holdings' sum")


class TreeNode(Party):
    level: int = Field(
        examples=[1], description="hops from the subject (the first time the node was reached)"
    )
    expanded: bool = Field(
        examples=[True], description="whether its holders (up) or holdings (down) were fetched"
    )

    model_config = ConfigDict(json_schema_extra={"examples": [{**EX_ZHANG, "level": 1, "expanded": True}]})


class OwnershipTree(ApiModel):
    """The holdings in force around one subject, fetched hop by hop, up (holders) or down (stakes).
    Cycles are possible, so it is a graph: `edges` hold every holding fetched."""

    subject: Party
    direction: Literal["up", "down"] = Field(examples=["up"])
    as_of: dt.date = Field(examples=["2024-06-30"])
    depth: int = Field(examples=[10])
    max_nodes: int = Field(examples=[5000])
    nodes: list[TreeNode]
    edges: list[Holding]
    depth_reached: int = Field(examples=[2])
    truncated: bool = Field(examples=[False], description="the node cap or a hop's row cap cut the fetch")
    depth_limited: bool = Field(
        examples=[False], description="nodes at the depth limit have further links not fetched"
    )
    issues: list[Issue] = Field(default_factory=list)


class OwnershipPath(ApiModel):
    """One simple path from an owner down to the target, and its product of shares."""

    keys: list[str] = Field(examples=[EX_PATH["keys"]], description="owner first, target last")
    names: list[str | None] = Field(examples=[EX_PATH["names"]])
    shares: list[float] = Field(
        examples=[[0.6]], description="the share at each step (summed over parallel edges)"
    )
    contribution: float = Field(examples=[0.6], description="the product of the shares")
    ratio_derived: bool = Field(
        examples=[False], description="a step rests on a share derived from subscribed capital"
    )
    edges: list[Holding]

    model_config = ConfigDict(json_schema_extra={"examples": [EX_PATH]})


class EffectiveOwner(ApiModel):
    party: Party
    share: float | None = Field(
        examples=[0.6], description="integrated ownership in the target; null if undetermined"
    )
    direct: float = Field(examples=[0.6], description="direct share in the target")
    ultimate: bool = Field(examples=[True], description="nobody holds it on the date (persons always)")
    holders_fetched: bool = Field(
        examples=[True], description="false when the depth limit or the node cap stopped above it"
    )
    paths: list[OwnershipPath] = Field(default_factory=list, description="largest simple paths first")
    via_cycles: float | None = Field(
        None, examples=[0.0], description="share not explained by simple paths (walks around cross-holdings)"
    )
    ratio_derived: bool = Field(
        False, examples=[False], description="some evidence share is derived from capital"
    )
    undetermined: str | None = Field(None, examples=[None], description="why no figure is given")


class EffectiveOwnership(ApiModel):
    """Integrated ownership of every owner in the fetched upstream subgraph of one target."""

    target: Party
    as_of: dt.date = Field(examples=["2024-06-30"])
    depth: int = Field(examples=[10])
    owners: list[EffectiveOwner]
    self_held: float = Field(
        0.0, examples=[0.0], description="the target's own integrated holding through cycles"
    )
    edges: list[Holding]
    issues: list[Issue] = Field(default_factory=list)
    truncated: bool = Field(False, examples=[False])
    depth_limited: bool = Field(False, examples=[False])
    paths_exhaustive: bool = Field(
        True, examples=[True], description="the path search saw every simple path above the minimum product"
    )


class BeneficialOwner(ApiModel):
    party: Party
    kind: Literal["natural_person", "state"] = Field(examples=["natural_person"])
    share: float = Field(examples=[0.6], description="integrated ownership in the target")
    direct: float = Field(examples=[0.6])
    paths: list[OwnershipPath]
    via_cycles: float | None = Field(None, examples=[0.0])
    ratio_derived: bool = Field(False, examples=[False])
    state: bool = Field(examples=[False], description="a state body rather than a natural person")


class BeneficialOwnership(ApiModel):
    """Natural persons and state bodies whose integrated ownership reaches the threshold."""

    target: Party
    as_of: dt.date = Field(examples=["2024-06-30"])
    threshold: float = Field(examples=[0.25])
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
    message: str = Field(
        examples=[
            f"beneficial owners of 佳木斯甲实业有限公司 ({ACME}) on 2024-06-30 at 25% or more: 张三 ({ZHANG}) 60.0%"
        ]
    )


class HolderVotes(ApiModel):
    """A holder's votes in the target: its own stake plus those of companies it controls."""

    party: Party
    direct: float = Field(examples=[0.4])
    votes: float = Field(examples=[0.4])
    via: list[Party] = Field(default_factory=list, description="controlled companies whose stakes count")


class ControlStep(ApiModel):
    controller: Party
    controlled: Party
    votes: float = Field(examples=[0.6])
    via: list[Party] = Field(default_factory=list, description="companies it controls that hold stakes")
    holdings: list[Holding]


class Controller(ApiModel):
    """The actual controller (实际控制人) by majority control, followed up the chain."""

    target: Party
    as_of: dt.date = Field(examples=["2024-06-30"])
    status: Literal["controlled", "no_controller", "undetermined"] = Field(examples=["controlled"])
    controller: Party | None = Field(None, description="null unless status is controlled")
    control: float | None = Field(None, examples=[0.6], description="the controller's votes in the target")
    chain: list[Party] = Field(default_factory=list, description="controller first, target last")
    steps: list[ControlStep] = Field(default_factory=list, description="one per link, top down")
    largest_holders: list[HolderVotes] = Field(default_factory=list)
    message: str = Field(
        examples=[
            f"张三 ({ZHANG}) controls 佳木斯甲实业有限公司 ({ACME}) on 2024-06-30 with 60.0% of its capital"
        ]
    )
    issues: list[Issue] = Field(default_factory=list)
