"""`python -m graph_credit.cli`: the same as the `graph-credit` console script."""

from graph_credit.cli import app

app()
