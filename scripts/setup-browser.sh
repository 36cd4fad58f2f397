#!/usr/bin/env bash
# Install the headless browser the browser tests drive: Debian's Chromium, from apt, with a CJK
# font so that screenshots show the Chinese names. Idempotent: does nothing when both are there.
# Quiet on success; on failure says why and exits non-zero (a missing font alone is no failure).
# Needs root (or sudo) and the Debian package registry.
set -euo pipefail

browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
font=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
if [[ -x "$browser" && -f "$font" ]]; then
    exit 0
fi
packages=()
[[ -x "$browser" ]] || packages+=(chromium)
[[ -f "$font" ]] || packages+=(fonts-wqy-zenhei)
if [[ -x "$browser" ]] && { ! command -v apt-get >/dev/null 2>&1 || [[ "$(id -u)" -ne 0 ]]; }; then
    exit 0  # only the font is missing and cannot be installed here: screenshots show boxes for Chinese
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: $browser is missing and there is no apt-get to install Debian's chromium; install Chromium and set CHROMIUM_PATH to its path" >&2
    exit 1
fi
sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo -n)
    else
        echo "setup-browser: $browser is missing; installing chromium needs root (or sudo)" >&2
        exit 1
    fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "setup-browser: 'apt-get install ${packages[*]}' failed (is the Debian package registry reachable?)" >&2
    exit 1
fi
if [[ ! -x "$browser" ]]; then
    echo "setup-browser: chromium was installed but $browser is not there; set CHROMIUM_PATH to the browser's path" >&2
    exit 1
fi
