#!/usr/bin/env bash
# Installs what the run report's browser test (tests/python/test_report.py) needs: Debian's
# chromium and, in tests/browser/node_modules, the pinned playwright-core that drives it
# (npm ci from the committed lock file; playwright-core downloads no browser). Safe to run
# again: it installs only what is missing. The test skips with a message when either is
# absent, so the rest of the suite does not depend on this script.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup_browser: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci replaces node_modules, so it runs only when the lock file is newer than the last
# install (npm writes node_modules/.package-lock.json at the end of an install).
cd tests/browser
if [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup_browser: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), playwright-core $(node -p 'require("playwright-core/package.json").version')"
