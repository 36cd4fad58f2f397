"""Graph stores: one small protocol, two engines behind it, a factory that picks by setting."""

from __future__ import annotations

from graph_credit.settings import Settings, get_settings
from graph_credit.store.base import GraphStore


def open_store(settings: Settings | None = None, *, read_only: bool = False) -> GraphStore:
    s = settings or get_settings()
    if s.engine == "neo4j":
        from graph_credit.store.neo4j import Neo4jStore

        assert s.neo4j_uri is not None  # Settings refuses engine=neo4j without it
        return Neo4jStore(s.neo4j_uri, s.neo4j_user, s.neo4j_password, database=s.neo4j_database)
    from graph_credit.store.embedded import EmbeddedStore

    return EmbeddedStore(
        s.db_path,
        buffer_pool_mb=s.buffer_pool_mb,
        query_timeout_ms=s.query_timeout_ms,
        read_only=read_only,
        use_topology_index=s.topology_index,
        topology_dir=s.topology_dir,
    )


__all__ = ["GraphStore", "open_store"]
