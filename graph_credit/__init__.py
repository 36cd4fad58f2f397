"""graph-credit: a graph knowledge platform for linked credit relationships."""

__version__ = "0.1.0"
