"""Node and edge kinds the investigator questions work with, and the display order of edges."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from graph_credit.model import EDGE_KINDS, NODE_KINDS

NodeId = tuple[str, str]  # (node kind, business key)
Direction = Literal["out", "in"]

ALL_NODE_KINDS: tuple[str, ...] = tuple(NODE_KINDS)
ALL_EDGE_KINDS: tuple[str, ...] = tuple(EDGE_KINDS)
SUBJECT_KINDS: tuple[str, ...] = ("Enterprise", "Person")
RELATION_EDGES: tuple[str, ...] = ("HOLDS", "LEGAL_REP_OF", "SERVES_AS", "GUARANTEES", "BRANCH_OF")
RECORD_EDGES: tuple[str, ...] = ("SUBJECT_OF", "RESPONSIBLE_FOR")
SHARED_EDGES: tuple[str, ...] = ("LEGAL_REP_OF", "HOLDS", "SERVES_AS")
LINK_KINDS: tuple[str, ...] = ("legal_rep", "shareholder", "executive", "cross_role", "address", "phone")
LINK_OF_EDGE = {"LEGAL_REP_OF": "legal_rep", "HOLDS": "shareholder", "SERVES_AS": "executive"}

# Per-node queries, one file per node kind (graph_credit/schema.py generates none of these).
DETAILS_QUERY: dict[str, str] = {
    "Enterprise": "investigate/details_enterprise",
    "Person": "investigate/details_person",
    "Project": "investigate/details_project",
    "CreditRecord": "investigate/details_credit_record",
}
DEGREE_QUERY: dict[str, str] = {
    "Enterprise": "investigate/degree_enterprise",
    "Person": "investigate/degree_person",
    "Project": "investigate/degree_project",
    "CreditRecord": "investigate/degree_credit_record",
}
EDGES_QUERY: dict[str, str] = {
    "Enterprise": "investigate/edges_enterprise",
    "Person": "investigate/edges_person",
    "Project": "investigate/edges_project",
    "CreditRecord": "investigate/edges_credit_record",
}

EVER = (dt.date(1, 1, 1), dt.date(9999, 12, 31))
# Above this many edges (any kind, any period) a node's edges are counted by kind and sampled,
# never fetched whole.
FULL_FETCH_MAX = 500
# Per-node queries on parallel threads: worth it over a network (Neo4j), not in process: on
# LadybugDB 0.22 two threads made each query slower (1.78 against 1.30 ms a node, demo scale).
WORKERS = {"ladybug": 1, "neo4j": 4}

EDGE_ORDER = {  # display order of a node's edges, and so which neighbours a cap keeps first
    k: i
    for i, k in enumerate(
        (
            "LEGAL_REP_OF",
            "HOLDS",
            "SERVES_AS",
            "GUARANTEES",
            "BRANCH_OF",
            "PARTICIPATES_IN",
            "SUBJECT_OF",
            "RESPONSIBLE_FOR",
        )
    )
}
