"""Ships docs/openapi.json as the package graph_credit.docs (see graph_credit/resources.py)."""
