"""One router per area; each calls graph_credit only."""
