#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzzer.cc) with clang, ASan and UBSan into
# build-fuzz/ (or FUZZ_BUILD_DIR, e.g. a sanitizer build configured with -DAUTOMEND_FUZZ=ON,
# as CI does to compile once) and runs each for SECONDS (default 20) on its corpus:
# <dir>/corpus/<target> (kept between runs, grows) plus seeds built from the demo data and
# test fixtures (fuzz/make_seeds.py). Exits non-zero if any target finds a crash; the input
# is left in <dir>/artifacts/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 yaml_redact_fuzzer
# docs/fuzzing.md says how to run them longer and how to reproduce a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
python=${PYTHON:-python3}

dir=${FUZZ_BUILD_DIR:-build-fuzz}
log=$(mktemp)
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S . -B "$dir" -G Ninja -DAUTOMEND_FUZZ=ON \
  -DAUTOMEND_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPython3_EXECUTABLE="$(command -v "$python")" \
  > "$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
targets=("$@")
if ((${#targets[@]} == 0)); then
  for src in fuzz/*_fuzzer.cc; do targets+=("$(basename "$src" .cc)"); done
fi
cmake --build "$dir" -j"${JOBS:-2}" --target "${targets[@]}"
"$python" fuzz/make_seeds.py "$dir"/seeds > /dev/null
mkdir -p "$dir"/artifacts

failed=()
for target in "${targets[@]}"; do
  corpus="$dir"/corpus/$target
  mkdir -p "$corpus"
  seeds=()
  [[ -d "$dir"/seeds/$target ]] && seeds=("$dir"/seeds/"$target")
  dict=()
  [[ -f fuzz/$target.dict ]] && dict=(-dict="fuzz/$target.dict")
  echo "fuzz: $target for ${seconds}s"
  if ! "$dir"/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${MAX_LEN:-65536}" \
      -print_final_stats=1 -artifact_prefix="$dir"/artifacts/"$target"- "${dict[@]}" \
      "$corpus" "${seeds[@]}" > "$dir"/"$target".log 2>&1; then
    failed+=("$target")
    tail -40 "$dir"/"$target".log
  fi
  grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$dir"/"$target".log | tail -2 || true
done
if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $dir/artifacts/, logs in $dir/<target>.log)"
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s each without a finding"
