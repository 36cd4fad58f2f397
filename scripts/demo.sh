#!/usr/bin/env bash
# The demo: build a realistic data set, load it into the embedded engine, serve the API.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec graph-credit demo "$@"
