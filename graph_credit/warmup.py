"""Reading every table once when a server starts, so that its first requests find their pages.

LadybugDB's buffer pool belongs to the process and starts empty: until it fills, a credit check
reads its pages one at a time (at city scale a server's first minute had a screening p99 of 85 ms
against about 50 once warm, bench/load_api.py). Reading each table's columns and edges once takes
about 2 s there. Neo4j keeps its page cache in its own server, across API restarts.
"""

from __future__ import annotations

import logging
import threading
import time

from graph_credit.errors import EngineError
from graph_credit.schema import prewarm_names
from graph_credit.store.base import GraphStore

log = logging.getLogger(__name__)


def prewarm(store: GraphStore) -> float:
    """Read every node and edge table once (LadybugDB; nothing on Neo4j); the seconds it took."""
    if store.engine != "ladybug":
        return 0.0
    t0 = time.perf_counter()
    for name in prewarm_names():
        try:
            store.read(name)
        except EngineError as exc:  # a table this database does not have yet: nothing to warm
            log.info("warm-up skipped %s: %s", name, exc)
    return time.perf_counter() - t0


def prewarm_in_background(store: GraphStore) -> threading.Thread:
    def run() -> None:
        log.info("buffer pool warmed in %.1f s", prewarm(store))

    thread = threading.Thread(target=run, name="prewarm", daemon=True)
    thread.start()
    return thread
