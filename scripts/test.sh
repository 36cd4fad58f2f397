#!/usr/bin/env bash
# The test suite, with everything it needs installed by the project itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# Neo4j's own Cypher parser runs under Node.js; without Node the dialect test skips with a reason.
if command -v node >/dev/null 2>&1; then
  bash scripts/setup-node.sh
fi
# The browser tests drive Debian's Chromium; without it they skip with a reason (unless
# REQUIRE_BROWSER=1, as in CI, where a missing browser is a failure).
if ! bash scripts/setup-browser.sh && [ "${REQUIRE_BROWSER:-0}" = "1" ]; then
  exit 1
fi
# The engine tests run on Neo4j too: with Java and Maven here, a local Neo4j 5.26 is started for
# this run in a folder of its own (never a developer's server in var/neo4j/server) and stopped on
# exit. Without them those tests skip with a reason, unless REQUIRE_NEO4J=1 (CI): then a Neo4j
# that cannot start fails the run. A NEO4J_URI already set is used as it is (its data is wiped).
if [ -z "${NEO4J_URI:-}" ]; then
  if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
    export NEO4J_LOCAL_DIR="var/neo4j/test"
    bash scripts/neo4j.sh stop >/dev/null  # one left by an interrupted run
    rm -rf "$NEO4J_LOCAL_DIR"
    trap 'bash scripts/neo4j.sh stop >/dev/null || true' EXIT
    if NEO4J_URI="$(bash scripts/neo4j.sh start)"; then
      export NEO4J_URI
      echo "engine tests run on Neo4j at $NEO4J_URI too" >&2
    else
      unset NEO4J_URI
      echo "the local Neo4j did not start" >&2
      if [ "${REQUIRE_NEO4J:-0}" = "1" ]; then exit 1; fi
    fi
  elif [ "${REQUIRE_NEO4J:-0}" = "1" ]; then
    echo "REQUIRE_NEO4J=1 but java and mvn are needed to start the local Neo4j" >&2
    exit 1
  fi
fi
set +e
python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: treating that as a failure" >&2
  exit 1
fi
ruff check . && ruff format --check . || { echo "ruff found problems" >&2; exit 1; }
exit "$status"
