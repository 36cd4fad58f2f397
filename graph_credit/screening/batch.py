"""Many candidates at once: a file in, a table of verdicts out, each answer kept on request.

LadybugDB runs reads concurrently with one connection per thread (the store keeps one per thread),
so candidates are checked on `workers` threads; bench/screening.py measures what that gives.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from graph_credit.errors import GraphCreditError, InvalidInput
from graph_credit.screening.check import as_of_date, check, resolve_candidate
from graph_credit.screening.models import BATCH_COLUMNS, BatchResult, CandidateChoice, ScreeningResult
from graph_credit.screening.policy import Policy, current_policy
from graph_credit.store.base import GraphStore

_COLUMNS = ("uscc", "candidate", "query", "name", "统一社会信用代码", "企业名称")


def read_candidates(path: Path | str) -> list[str]:
    """Candidates from a CSV with a `uscc`, `candidate`, `query` or `name` column, or one per line
    (blank lines and lines starting with # skipped)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = p.read_text(encoding="gb18030")
    except OSError as exc:
        raise InvalidInput(f"{p}: cannot read the candidate file: {exc.strerror}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InvalidInput(f"{p}: no candidates in the file")
    header = [h.strip().lower() for h in next(csv.reader([lines[0]]))]
    col = next((c for c in _COLUMNS if c in header), None)
    if col is None:
        if len(header) > 1:
            raise InvalidInput(
                f"{p}, line 1: a CSV needs one of the columns {', '.join(_COLUMNS)}; found {', '.join(header)}"
            )
        return [ln.strip() for ln in lines]
    i = header.index(col)
    out = []
    for n, row in enumerate(csv.reader(io.StringIO("\n".join(lines[1:]))), start=2):
        if len(row) <= i or not row[i].strip():
            raise InvalidInput(f"{p}, row {n}: column {col} is empty")
        out.append(row[i].strip())
    return out


def _error_row(query: str, as_of: dt.date, message: str) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(BATCH_COLUMNS, "")
    row.update(query=query, as_of=as_of.isoformat(), error=message)
    return row


def check_row(
    store: GraphStore, query: str, as_of: dt.date, policy: Policy
) -> tuple[dict[str, object], ScreeningResult | CandidateChoice | None]:
    try:
        target = resolve_candidate(store, query)
        if isinstance(target, CandidateChoice):
            return _error_row(query, as_of, target.message), target
        result = check(store, target, as_of, policy)
    except GraphCreditError as exc:
        return _error_row(query, as_of, str(exc)), None
    return result.summary_row(query), result


def screen_batch(
    store: GraphStore,
    candidates: Sequence[str],
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | str | None = None,
    workers: int = 2,
    keep_results: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Check every candidate; one summary row each, in input order (errors and ambiguous names
    have the reason in `error`); `keep_results` keeps each full answer too."""
    if workers < 1:
        raise InvalidInput(f"workers must be at least 1, not {workers}")
    pol = policy if isinstance(policy, Policy) else current_policy(policy)
    when = as_of_date(as_of)
    t0 = time.perf_counter()
    rows: list[dict[str, object]] = []
    results: list[ScreeningResult | CandidateChoice | None] = []

    def done(item: tuple[dict[str, object], ScreeningResult | CandidateChoice | None]) -> None:
        rows.append(item[0])
        if keep_results:
            results.append(item[1])
        if progress is not None:
            progress(1)

    if workers == 1:
        for q in candidates:
            done(check_row(store, q, when, pol))
    else:
        with ThreadPoolExecutor(workers) as pool:
            for item in pool.map(lambda q: check_row(store, q, when, pol), candidates):
                done(item)
    return BatchResult(rows=rows, results=results, seconds=time.perf_counter() - t0, workers=workers)


def write_batch(result: BatchResult, path: Path | str) -> Path:
    """The verdict table as CSV, or JSON when the name ends in .json."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.suffix.lower() == ".json":
        p.write_text(json.dumps(result.rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        with p.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=BATCH_COLUMNS)
            w.writeheader()
            w.writerows(result.rows)
    return p
