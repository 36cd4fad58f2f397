"""The HTTP API: a FastAPI app over `graph_credit`; no Cypher here."""
