"""The expert Cypher console: an investigator's own read query, run so that it cannot write.

Read-only by construction, in three layers, each enough against graph writes on its own:

1. The engine runs the text in a read-only transaction: on LadybugDB `BEGIN TRANSACTION READ
   ONLY` on a connection of its own (graph writes, DDL, `COPY ... FROM`, `INSTALL`, `LOAD
   EXTENSION` and `ATTACH` are refused there by the engine) and the text is *prepared*, which
   takes exactly one statement; on Neo4j a READ access-mode transaction.
2. LadybugDB's read-only transaction still lets through statements that touch the server's files
   or the connection (`COPY ... TO`, `LOAD FROM`, `EXPORT DATABASE`, `CALL` of settings such as
   the time limit, `COMMIT`, which would end the read-only transaction), and `LOAD FROM` can
   even scan Python objects of the calling process. So the text is checked first, after comments
   and string literals are taken out: it must start with a reading clause, be one statement, use
   only ASCII outside string literals (no look-alike letters or invisible characters between
   the letters of a keyword), contain no backslash (values with quotes go in as parameters), and
   contain none of the words below anywhere.
3. A row limit (rows are fetched up to it and the rest dropped) and a time limit (the engine
   interrupts the query).

Apart from writes, the engine's parser itself is a target: it recurses once per bracket level on
the process's stack, so `RETURN ((((…1…))))` 3,500 deep or `[` 1,000 deep kills the whole
process (segfault, the API with it), and its time grows steeply with depth long before that (200
`[` levels take 7 s of parsing that the time limit does not interrupt). So brackets, parentheses
and braces outside strings and comments may nest at most `MAX_NESTING` deep (`QueryTooDeep`);
real queries stay under ten.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from graph_credit.errors import EngineError, InvalidInput

MAX_TEXT = 20_000
#: Deepest nesting of (), [] and {} accepted (see the module's docstring for why).
MAX_NESTING = 32
_OPENERS, _CLOSERS = frozenset("([{"), frozenset(")]}")
START_WORDS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "EXPLAIN", "PROFILE"})
#: Words refused anywhere outside string literals: writes, file and extension access,
#: procedures, transaction control, database switching.
REFUSED_WORDS = frozenset(
    {
        "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH",
        "LOAD", "COPY", "INSTALL", "EXTENSION", "ATTACH", "USE", "EXPORT", "IMPORT", "CALL",
        "BEGIN", "COMMIT", "ROLLBACK", "TRANSACTION", "CHECKPOINT", "PERIODIC", "CSV", "YIELD",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ConsoleRefused(InvalidInput):
    """The console will not run this text; the message says why."""


class QueryTooDeep(ConsoleRefused):
    """Brackets nested deeper than the parser can take safely."""


class _ReadOnlyStore(Protocol):
    engine: str

    def read_only_text(
        self, text: str, params: dict[str, Any], *, max_rows: int, timeout_ms: int
    ) -> tuple[list[str], list[list[Any]], bool]: ...


@dataclass(frozen=True)
class ConsoleResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    row_limit: int
    elapsed_ms: float


def code_only(text: str) -> str:
    """The text with comments removed and string literals and quoted names blanked, or refused.

    A scanner that takes more for code than the engine does only refuses more; the unsafe
    direction (code taken for a string or comment) is closed by refusing backslashes, which are
    the engines' escape character."""
    if "\\" in text:
        raise ConsoleRefused(
            "backslashes are not accepted: pass values with quotes or escapes as $parameters"
        )
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            j = text.find(c, i + 1)
            if j < 0:
                raise ConsoleRefused(
                    f"unterminated {'name' if c == '`' else 'string'} starting at character {i + 1}"
                )
            out.append(" x " if c == "`" else " '' ")
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            out.append(" ")
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ConsoleRefused(f"unterminated comment starting at character {i + 1}")
            i = j + 2
            out.append(" ")
        else:
            if not (c.isascii() and (c.isprintable() or c in "\t\n\r")):
                raise ConsoleRefused(
                    f"character U+{ord(c):04X} at position {i + 1} is not accepted outside a string literal"
                )
            out.append(c)
            i += 1
    return "".join(out)


def nesting_depth(code: str) -> int:
    """The deepest nesting of (), [] and {} in `code` (strings and comments already taken out).
    Unbalanced closers are left to the engine to refuse."""
    depth = deepest = 0
    for c in code:
        if c in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif c in _CLOSERS and depth:
            depth -= 1
    return deepest


def check_nesting(code: str) -> None:
    """Refuse code nested deeper than `MAX_NESTING`: the engine's parser crashes the process on it."""
    deepest = nesting_depth(code)
    if deepest > MAX_NESTING:
        raise QueryTooDeep(
            f"brackets nest {deepest:,} deep; at most {MAX_NESTING} levels of (), [] and {{}} are accepted"
        )


def check(text: str) -> str:
    """The statement to run (without a trailing semicolon), or `ConsoleRefused` saying why."""
    if len(text) > MAX_TEXT:
        raise ConsoleRefused(f"the query has {len(text):,} characters; at most {MAX_TEXT:,} are accepted")
    code = code_only(text).strip()
    check_nesting(code)
    if code.endswith(";"):
        code = code[:-1].rstrip()
        text = text[: text.rstrip().rfind(";")]
    if not code:
        raise ConsoleRefused("the query is empty")
    if ";" in code:
        raise ConsoleRefused("one statement only: the query contains ';' between statements")
    words = [w.upper() for w in _WORD.findall(code)]
    if not words or words[0] not in START_WORDS:
        raise ConsoleRefused(
            f"a console query starts with one of {', '.join(sorted(START_WORDS))}, not {code.split()[0][:20]!r}"
        )
    bad = sorted({w for w in words if w in REFUSED_WORDS})
    if bad:
        raise ConsoleRefused(f"the console is read-only and refuses {', '.join(bad)}")
    return text


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, dt.date | dt.datetime | dt.time):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return v.total_seconds()
    if isinstance(v, decimal.Decimal):
        return float(v) if v != v.to_integral_value() else int(v)
    if isinstance(v, uuid.UUID | bytes):
        return str(v)
    if isinstance(v, float) and v != v:
        return None
    if v is None or isinstance(v, str | int | float | bool):
        return v
    return str(v)


def run_console(
    store: _ReadOnlyStore,
    text: str,
    params: dict[str, Any] | None = None,
    *,
    max_rows: int = 1000,
    timeout_ms: int = 5000,
) -> ConsoleResult:
    """Check `text`, run it read-only within the limits, rows as JSON-ready lists."""
    import time

    stmt = check(text)
    if not hasattr(store, "read_only_text"):
        raise ConsoleRefused(f"the {store.engine} engine offers no read-only console")
    t0 = time.perf_counter()
    try:
        cols, rows, truncated = store.read_only_text(
            stmt, dict(params or {}), max_rows=max_rows, timeout_ms=timeout_ms
        )
    except EngineError as exc:
        msg = str(exc)
        if "interrupt" in msg.lower() or "timeout" in msg.lower():
            raise ConsoleRefused(
                f"the query ran past the console's time limit of {timeout_ms:,} ms"
            ) from None
        raise ConsoleRefused(f"the engine refused the query: {msg}") from None
    return ConsoleResult(
        columns=cols,
        rows=[[_jsonable(v) for v in r] for r in rows],
        truncated=truncated,
        row_limit=max_rows,
        elapsed_ms=round((time.perf_counter() - t0) * 1000, 2),
    )
