#!/usr/bin/env bash
# Builds AutoMend with AddressSanitizer and UndefinedBehaviorSanitizer into build-asan/
# and runs the whole test suite (C++ unit tests and the Python tests, which then drive the
# instrumented program). Any sanitizer report fails the run. Extra arguments go to ctest.
#
#   scripts/sanitize.sh [-R pattern]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-$( [[ -x .venv/bin/python ]] && echo "$PWD/.venv/bin/python" || command -v python3 )}

cmake -S . -B build-asan -G Ninja -DAUTOMEND_SANITIZE=ON -DAUTOMEND_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE="$python" ${CMAKE_ARGS:-} > /dev/null
cmake --build build-asan -j"${JOBS:-2}"
# abort_on_error/halt_on_error: a report fails the test that triggered it; leaks too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir build-asan --output-on-failure -j"${JOBS:-2}" "$@"
