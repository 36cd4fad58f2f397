#!/usr/bin/env bash
# Create the project's virtual environment on first use and keep it in step with pyproject.toml.
# Sourced by demo.sh and test.sh; needs only python3 (3.11+) and the package registries.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${GRAPH_CREDIT_VENV:-$root/.venv}"
py="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || { echo "graph-credit needs Python 3.11 or newer ($py is $("$py" --version 2>&1))" >&2; exit 1; }
  echo "creating the virtual environment in $venv" >&2
  "$py" -m venv "$venv"
fi
stamp="$venv/.graph-credit-installed"
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  echo "installing graph-credit and its dependencies" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[dev]"
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
