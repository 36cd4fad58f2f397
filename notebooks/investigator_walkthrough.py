# %% [markdown]
# # Investigator walkthrough
#
# Who is behind an enterprise, what it controls, and how it is linked to others, on a small
# synthetic city. The file is a notebook in "percent" format: open it in Jupyter (with
# jupytext) or run it top to bottom with `python notebooks/investigator_walkthrough.py`; the
# test suite runs it so it never goes stale. `GRAPH_CREDIT_WALKTHROUGH_DIR` says where to build
# the data (a temporary folder otherwise).

# %%
import os
import tempfile
from pathlib import Path

from graph_credit import investigate, ownership
from graph_credit.stats import graph_stats
from graph_credit.store.embedded import EmbeddedStore
from loaders.load import load_bundle
from loaders.synthetic import generate

work = Path(os.environ.get("GRAPH_CREDIT_WALKTHROUGH_DIR") or tempfile.mkdtemp(prefix="walkthrough-"))
generate("tiny", work / "bundle")
store = EmbeddedStore(work / "graph.lbug", buffer_pool_mb=256)
report = load_bundle(store, work / "bundle", secret="walkthrough-secret")
print(graph_stats(store))

# %% [markdown]
# ## Find a subject
# Search by USCC, by enterprise name (exact first, then partial) or by person name.

# %%
hits = investigate.search(store, "有限公司", limit=5)
print(hits.to_frame())

# %% [markdown]
# ## Who controls it?
# Take the first hit. The controller follows majority control to the top; beneficial owners
# come from integrated ownership, which counts every chain, through cross-holdings too.

# %%
target = hits.to_frame()["key"].iloc[0]
controller = ownership.actual_controller(store, target)
print(controller.to_frame())
print(ownership.beneficial_owners(store, target).to_frame())

# %% [markdown]
# ## Its neighbourhood, capped on hubs

# %%
around = investigate.neighbourhood(store, target, hops=2, max_nodes=50)
print(around.to_frame().head(20))

# %% [markdown]
# ## What exists
# Every investigator function and named query, with its parameters.

# %%
print(investigate.catalogue().to_frame().head(20))
store.close()
