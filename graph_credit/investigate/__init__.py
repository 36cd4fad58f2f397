"""Investigator queries: search, bounded neighbourhoods, paths, shared links, cycles, records nearby.

Answers are pydantic models with business keys (USCC, person key, record id, project code) and,
for persons, only the name and the masked ID; tabular ones have `.to_frame()`. Where the store
keeps a topology index (graph_credit.topology, LadybugDB) the walks run in it and only node details
come from the engine; otherwise every node is one indexed engine query (graph_credit.investigate.fetch
says why and how).

The modules: `models` (the answers), `fetch` (a node's edges, from the index or the engine),
`search`, `neighbourhood`, `paths`, `shared`, `cycles`, `records`, `catalogue`.
"""

from graph_credit.investigate.catalogue import INVESTIGATOR_FUNCTIONS, catalogue
from graph_credit.investigate.cycles import circular_holdings, guarantee_chains, guarantee_circles
from graph_credit.investigate.fetch import SLUG, count_query_name, sample_query_name
from graph_credit.investigate.kinds import (
    ALL_EDGE_KINDS,
    ALL_NODE_KINDS,
    FULL_FETCH_MAX,
    LINK_KINDS,
    RECORD_EDGES,
    RELATION_EDGES,
    SHARED_EDGES,
    SUBJECT_KINDS,
    Direction,
    NodeId,
)
from graph_credit.investigate.models import (
    Catalogue,
    ChainNode,
    Cycle,
    Cycles,
    EdgeRef,
    FunctionInfo,
    GuaranteeChains,
    HubNote,
    Neighbourhood,
    NeighbourNode,
    NodeRef,
    ParamInfo,
    Path,
    PathResult,
    QueryInfo,
    RecordNear,
    RecordRef,
    RecordsNear,
    SearchHit,
    SearchResult,
    SharedLink,
    SharedLinks,
    Truncation,
    Unexpanded,
)
from graph_credit.investigate.neighbourhood import neighbourhood
from graph_credit.investigate.paths import all_paths, shortest_path
from graph_credit.investigate.records import records_near
from graph_credit.investigate.search import resolve, search
from graph_credit.investigate.shared import shared_links

# The investigator functions are this package's API, wherever they are defined: the catalogue and
# the documentation name them `graph_credit.investigate.<name>`.
for _fn in (
    search,
    resolve,
    neighbourhood,
    shortest_path,
    all_paths,
    shared_links,
    circular_holdings,
    guarantee_circles,
    guarantee_chains,
    records_near,
    catalogue,
):
    _fn.__module__ = __name__
del _fn

__all__ = [
    "ALL_EDGE_KINDS",
    "ALL_NODE_KINDS",
    "FULL_FETCH_MAX",
    "INVESTIGATOR_FUNCTIONS",
    "LINK_KINDS",
    "RECORD_EDGES",
    "RELATION_EDGES",
    "SHARED_EDGES",
    "SLUG",
    "SUBJECT_KINDS",
    "Catalogue",
    "ChainNode",
    "Cycle",
    "Cycles",
    "Direction",
    "EdgeRef",
    "FunctionInfo",
    "GuaranteeChains",
    "HubNote",
    "NeighbourNode",
    "Neighbourhood",
    "NodeId",
    "NodeRef",
    "ParamInfo",
    "Path",
    "PathResult",
    "QueryInfo",
    "RecordNear",
    "RecordRef",
    "RecordsNear",
    "SearchHit",
    "SearchResult",
    "SharedLink",
    "SharedLinks",
    "Truncation",
    "Unexpanded",
    "all_paths",
    "catalogue",
    "circular_holdings",
    "count_query_name",
    "guarantee_chains",
    "guarantee_circles",
    "neighbourhood",
    "records_near",
    "resolve",
    "sample_query_name",
    "search",
    "shared_links",
    "shortest_path",
]
