#!/usr/bin/env bash
# Runs every test: the C++ unit tests and the Python-driven integration and differential
# tests (registered with ctest). Builds first if needed. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d build ]] || scripts/setup.sh
cmake --build build
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
