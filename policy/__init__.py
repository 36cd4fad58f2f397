"""The shipped policy files, as the package graph_credit.policy (see graph_credit/resources.py)."""
