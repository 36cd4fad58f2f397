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
