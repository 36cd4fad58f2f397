"""The query log (查询使用登记, 000 §三(二), 004 §27): who asked about which subject, when, how and why.

An append-only SQLite file: triggers refuse UPDATE and DELETE, so an entry once written stays as
written; entries survive restarts. Writes from many threads go through one connection under a
lock (SQLite takes one writer at a time anyway); WAL lets readers run beside the writer.

Checkpoints (copying the WAL into the database file, with an fsync) run on a thread and a
connection of their own, every CHECKPOINT_EVERY_S: left to the writer, SQLite runs one inside
every thousandth commit, and that request (and every one queued behind the lock) waited 13-36 ms
for it. A commit is as durable either way (synchronous=NORMAL: the WAL is synced at checkpoints).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_credit.errors import EngineError, InvalidInput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS query_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    role      TEXT NOT NULL,
    action    TEXT NOT NULL,
    endpoint  TEXT NOT NULL,
    subject   TEXT NOT NULL,
    purpose   TEXT,
    client    TEXT
);
CREATE INDEX IF NOT EXISTS query_log_subject ON query_log(subject);
CREATE INDEX IF NOT EXISTS query_log_who ON query_log(who);
CREATE TRIGGER IF NOT EXISTS query_log_no_update BEFORE UPDATE ON query_log
BEGIN SELECT RAISE(ABORT, 'the query log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS query_log_no_delete BEFORE DELETE ON query_log
BEGIN SELECT RAISE(ABORT, 'the query log is append-only'); END;
-- REPLACE deletes the row it replaces without firing the DELETE trigger: an insert onto an
-- existing id is refused before the conflict is resolved.
CREATE TRIGGER IF NOT EXISTS query_log_no_replace BEFORE INSERT ON query_log
WHEN EXISTS (SELECT 1 FROM query_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the query log is append-only'); END;
"""

#: Seconds between checkpoints of the write-ahead log (see the module docstring).
CHECKPOINT_EVERY_S = 1.0

COLUMNS = ("id", "at", "who", "role", "action", "endpoint", "subject", "purpose", "client")


@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    who: str
    role: str
    action: str
    endpoint: str
    subject: str
    purpose: str | None
    client: str | None


@dataclass(frozen=True)
class Filter:
    who: str | None = None
    subject: str | None = None
    endpoint: str | None = None
    action: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def where(self) -> tuple[str, list[str]]:
        parts, args = [], []
        for col in ("who", "subject", "endpoint", "action"):
            v = getattr(self, col)
            if v is not None:
                parts.append(f"{col} = ?")
                args.append(v)
        if self.since is not None:
            parts.append("at >= ?")
            args.append(_stamp(self.since))
        if self.until is not None:
            parts.append("at < ?")
            args.append(_stamp(self.until))
        return (" WHERE " + " AND ".join(parts) if parts else ""), args


def _stamp(t: dt.datetime) -> str:
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


class QueryLog:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise EngineError(f"query log {path}: {exc}") from exc
        self._stop = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if str(path) != ":memory:":
            self._db.execute("PRAGMA wal_autocheckpoint=0")  # never inside a request's commit
            self._checkpointer = threading.Thread(
                target=self._checkpoints, name="query-log-checkpoint", daemon=True
            )
            self._checkpointer.start()

    def _checkpoints(self) -> None:
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            while not self._stop.wait(CHECKPOINT_EVERY_S):
                try:
                    # PASSIVE: copies what it can without waiting for (or blocking) the writer
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    continue  # busy or failing now: the next round tries again
        finally:
            conn.close()

    def record(
        self,
        *,
        who: str,
        role: str,
        action: str,
        endpoint: str,
        subjects: Sequence[str],
        purpose: str | None,
        client: str | None = None,
    ) -> None:
        """Write one entry per subject, all in one transaction, before the query runs."""
        at = _stamp(dt.datetime.now(dt.UTC))
        rows = [(at, who, role, action, endpoint, s, purpose, client) for s in subjects]
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(
                    "INSERT INTO query_log(at, who, role, action, endpoint, subject, purpose, client) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                try:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # closed or broken: nothing to roll back
                raise EngineError(f"query log: {exc}") from exc

    def count(self, f: Filter = Filter()) -> int:
        where, args = f.where()
        with self._lock:
            return int(self._db.execute(f"SELECT count(*) FROM query_log{where}", args).fetchone()[0])

    def list(self, f: Filter = Filter(), *, limit: int = 100, offset: int = 0) -> list[Entry]:
        if limit < 1 or offset < 0:
            raise InvalidInput(f"limit must be at least 1 and offset not negative (got {limit}, {offset})")
        where, args = f.where()
        sql = f"SELECT {', '.join(COLUMNS)} FROM query_log{where} ORDER BY id DESC LIMIT ? OFFSET ?"
        with self._lock:
            rows = self._db.execute(sql, [*args, limit, offset]).fetchall()
        return [Entry(*r) for r in rows]

    def iter_all(self, f: Filter = Filter(), batch: int = 5000) -> Iterator[Entry]:
        """Every matching entry, oldest first, in batches (exports need not fit in memory)."""
        where, args = f.where()
        last = 0
        while True:
            cond = (where + " AND" if where else " WHERE") + " id > ?"
            sql = f"SELECT {', '.join(COLUMNS)} FROM query_log{cond} ORDER BY id LIMIT ?"
            with self._lock:
                rows = self._db.execute(sql, [*args, last, batch]).fetchall()
            if not rows:
                return
            for r in rows:
                yield Entry(*r)
            last = rows[-1][0]

    def close(self) -> None:
        self._stop.set()
        if self._checkpointer is not None:
            self._checkpointer.join()
        with self._lock:
            self._db.close()  # the last connection to close checkpoints the rest


# A cell a spreadsheet would read as a formula starts with one of these (OWASP, CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made plain text by a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_lines(entries: Iterable[Entry]) -> Iterator[str]:
    """The entries as CSV text, header first, line by line; text that a spreadsheet would run as a
    formula (purposes and subjects come from callers) is neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    yield buf.getvalue()
    for e in entries:
        buf.seek(0)
        buf.truncate()
        w.writerow([neutralised(getattr(e, c)) for c in COLUMNS])
        yield buf.getvalue()
