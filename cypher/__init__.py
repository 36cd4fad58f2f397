"""The named queries, shipped as the package graph_credit.cypher (see graph_credit/resources.py)."""
