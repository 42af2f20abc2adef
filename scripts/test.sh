#!/usr/bin/env bash
# Runs every test: the C++ unit tests and the Python-driven integration and differential
# tests (registered with ctest), including those that drive the real Airflow, DVC and a headless Chromium. It
# first makes sure everything they need is installed and built (each set-up script is
# idempotent and quick when there is nothing to do). Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
scripts/setup_orchestration.sh
scripts/setup_browser.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
