"""The visual explorer: any query's answer as a `Subgraph`, drawn with pyvis as a vis-network page.

Every query result (a neighbourhood, an ownership tree, a path search, a finding's evidence
paths) converts to one small `Subgraph`; `mark()` adds what the picture must show about credit
(subjects with adverse records in force, restricted persons, red-list subjects); `vis_data()`
turns it into vis-network nodes, edges and options through pyvis, masked for the viewer's role;
`render_page()` writes the HTML page, with its scripts inlined (a standalone file that works
offline) or served by the product itself. No asset ever comes from a CDN: pyvis's own template
loads bootstrap and tom-select from one, so the page uses a template of its own.

The modules: `subgraph` (the model), `convert` (answers to subgraphs), `marks` (credit marks),
`style` (the look), `render` (vis-network data and the page, with `templates/` and `static/`
beside it) and `views` (the queries the page asks); their public names are re-exported here.
"""

from __future__ import annotations

from graph_credit.explore.convert import (
    from_neighbourhood,
    from_nodes_and_edges,
    from_ownership_tree,
    from_path_result,
    from_paths,
)
from graph_credit.explore.marks import ADVERSE_KINDS, SERIOUS_KINDS, in_force, mark
from graph_credit.explore.render import (
    ASSETS,
    NOTES_SHOWN,
    RING,
    VIEWER_ROLES,
    VIS_VERSION,
    ViewerRole,
    asset,
    check_role,
    radial_layout,
    render_page,
    vis_data,
)
from graph_credit.explore.subgraph import (
    Flag,
    Layout,
    RecordMark,
    SubEdge,
    Subgraph,
    SubNode,
    node_id,
    split_node_id,
)
from graph_credit.explore.views import (
    EXPAND_MAX_NEIGHBOURS,
    EXPAND_MAX_NODES,
    VIEWS,
    View,
    expand_view,
    neighbourhood_view,
    ownership_view,
    path_view,
    search_hits,
    subject_view,
)

__all__ = [
    "ADVERSE_KINDS",
    "ASSETS",
    "EXPAND_MAX_NEIGHBOURS",
    "EXPAND_MAX_NODES",
    "NOTES_SHOWN",
    "RING",
    "SERIOUS_KINDS",
    "VIEWER_ROLES",
    "VIEWS",
    "VIS_VERSION",
    "Flag",
    "Layout",
    "RecordMark",
    "SubEdge",
    "SubNode",
    "Subgraph",
    "View",
    "ViewerRole",
    "asset",
    "check_role",
    "expand_view",
    "from_neighbourhood",
    "from_nodes_and_edges",
    "from_ownership_tree",
    "from_path_result",
    "from_paths",
    "in_force",
    "mark",
    "neighbourhood_view",
    "node_id",
    "ownership_view",
    "path_view",
    "radial_layout",
    "render_page",
    "search_hits",
    "split_node_id",
    "subject_view",
    "vis_data",
]
