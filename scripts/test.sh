#!/usr/bin/env bash
# The test suite, with everything it needs installed by the project itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
# Neo4j's own Cypher parser runs under Node.js; without Node the dialect test skips with a reason.
if command -v node >/dev/null 2>&1; then
  bash scripts/setup-node.sh
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
