"""Batch checks on several processes, each with its own read-only LadybugDB store.

Threads share one interpreter: the engine runs queries in parallel, but the Python half of a check
(models, rules) holds the interpreter lock, so two threads gain little over one. Processes do not
share it. Each worker opens the database read-only (a frozen snapshot, as any read-only store) and
checks chunks of candidates; rows come back in input order.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from graph_credit.errors import InvalidInput
from graph_credit.screening.batch import check_row
from graph_credit.screening.check import as_of_date
from graph_credit.screening.models import BatchResult, CandidateChoice, ScreeningResult
from graph_credit.screening.policy import Policy, load_policy

CHUNK = 50
_WORKER: dict[str, Any] = {}


def _init(path: str, buffer_pool_mb: int, topology_dir: str | None, policy: str | None) -> None:
    from graph_credit.store.embedded import EmbeddedStore

    _WORKER["store"] = EmbeddedStore(
        path, read_only=True, buffer_pool_mb=buffer_pool_mb, topology_dir=topology_dir
    )
    _WORKER["policy"] = load_policy(policy)


def _chunk(
    candidates: list[str], as_of: dt.date, keep: bool
) -> list[tuple[dict[str, object], ScreeningResult | CandidateChoice | None]]:
    store, policy = _WORKER["store"], _WORKER["policy"]
    out = []
    for q in candidates:
        row, res = check_row(store, q, as_of, policy)
        out.append((row, res if keep else None))
    return out


def screen_batch_processes(
    db_path: Path | str,
    candidates: Sequence[str],
    *,
    processes: int = 2,
    as_of: dt.date | str | None = None,
    policy: Policy | Path | str | None = None,
    buffer_pool_mb: int = 1024,
    topology_dir: Path | str | None = None,
    keep_results: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """`screen_batch` on `processes` worker processes over the LadybugDB file `db_path`."""
    if processes < 1:
        raise InvalidInput(f"processes must be at least 1, not {processes}")
    when = as_of_date(as_of)
    source = policy.source if isinstance(policy, Policy) else (str(policy) if policy else None)
    if isinstance(policy, Policy) and not source:
        raise InvalidInput("a policy given to worker processes must come from a file (load_policy)")
    t0 = time.perf_counter()
    chunks = [list(candidates[i : i + CHUNK]) for i in range(0, len(candidates), CHUNK)]
    rows: list[dict[str, object]] = []
    results: list[ScreeningResult | CandidateChoice | None] = []
    ctx = mp.get_context("spawn")  # the parent's open database must not be forked
    with ProcessPoolExecutor(
        processes,
        mp_context=ctx,
        initializer=_init,
        initargs=(str(db_path), buffer_pool_mb, str(topology_dir) if topology_dir else None, source),
    ) as pool:
        for part in pool.map(_chunk, chunks, [when] * len(chunks), [keep_results] * len(chunks)):
            for row, res in part:
                rows.append(row)
                if keep_results:
                    results.append(res)
            if progress is not None:
                progress(len(part))
    return BatchResult(rows=rows, results=results, seconds=time.perf_counter() - t0, workers=processes)
