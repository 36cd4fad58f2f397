from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    engine: str = Field(examples=["ladybug"])
    version: str = Field(examples=["0.1.0"])
    query_log: str = Field(examples=["ok"], description="whether the query log accepts entries")
    topology_index: str = Field(
        "off",
        examples=["fresh"],
        description="the read-side topology index: off, none (not built yet), fresh, stale or building",
    )
    topology_builds: int = Field(0, description="times this server loaded or built the index")
    buffer_pool: str = Field(
        "off",
        examples=["warm"],
        description="the start's read of every table (GRAPH_CREDIT_PREWARM): off, warming or warm; "
        "a server warming answers, more slowly",
    )


class GraphStats(BaseModel):
    engine: str = Field(examples=["ladybug"])
    nodes: dict[str, int] = Field(examples=[{"Enterprise": 1000000, "Person": 1100000}])
    edges: dict[str, int] = Field(examples=[{"HOLDS": 1868254}])
    derived: dict[str, int] = Field(
        default_factory=dict, examples=[{"Restriction": 412000, "Task": 690000}], description="derived kinds"
    )
