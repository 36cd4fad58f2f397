#!/usr/bin/env bash
# The schema fuzz test with many examples per operation (the normal test run uses a few).
# GRAPH_CREDIT_FUZZ_EXAMPLES sets how many (default here 200).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
GRAPH_CREDIT_FUZZ_EXAMPLES="${GRAPH_CREDIT_FUZZ_EXAMPLES:-200}" exec python -m pytest -q -s tests/api/test_schema_fuzz.py "$@"
