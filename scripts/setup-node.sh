#!/usr/bin/env bash
# Install the Node.js side of the offline Neo4j Cypher check (tools/cypher-lint) from its
# committed lock file. Idempotent: does nothing when node_modules is newer than the lock file.
# Quiet on success; on failure says why and exits non-zero.
set -euo pipefail

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "setup-node: '$tool' not found on PATH; install Node.js 20 or newer (with npm)" >&2
        exit 1
    fi
done

src="${BASH_SOURCE[0]}"
[[ "$src" == */* ]] || src="./$src"
root="$(cd "${src%/*}/.." && pwd)"
dir="$root/tools/cypher-lint"
marker="$dir/node_modules/.package-lock.json"  # written by npm at the end of every install

if [[ -f "$marker" && ! "$dir/package-lock.json" -nt "$marker" && ! "$dir/package.json" -nt "$marker" ]]; then
    exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup-node: 'npm ci' failed in $dir (is the npm registry reachable?)" >&2
    exit 1
fi
# npm ci keeps file times from the tarballs; mark this install as newer than the lock file.
touch "$marker"
