#!/bin/sh
# run-fuzzers.sh: builds every libFuzzer target of test/fuzz and runs each for
# SECONDS (default 30) over its seed corpus.
#
#   test/fuzz/run-fuzzers.sh [SECONDS] [BUILD_DIR]      BUILD_DIR defaults to build-fuzz
#
# The seed corpus corpus/<piece>/ is only read; inputs libFuzzer finds go to
# BUILD_DIR/test/fuzz/work/<piece>/, and a crashing input to
# BUILD_DIR/test/fuzz/artifacts/<piece>-crash-*. Extra libFuzzer flags can be
# passed in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-jobs=4). CC picks the compiler
# (default clang-19). One input running longer than FUZZ_TIMEOUT seconds
# (default 25) is a failure (a hang). Exits 1 if any fuzzer found a problem;
# prints `== fuzz_<piece>: ok` or `== fuzz_<piece>: FAILED` per target (CI
# counts those lines).
set -eu

seconds=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${2:-$repo/build-fuzz}
cc=${CC:-clang-19}

case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS] [BUILD_DIR]" >&2; exit 1 ;;
esac

generator=
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
# shellcheck disable=SC2086
cmake -S "$here" -B "$build" $generator -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$build" --target fuzzers

failed=0
for src in "$here"/fuzz_*.c; do
  name=$(basename "$src" .c)
  piece=${name#fuzz_}
  bin=$build/test/fuzz/$name
  work=$build/test/fuzz/work/$piece
  artifacts=$build/test/fuzz/artifacts
  mkdir -p "$work" "$artifacts"
  dict=
  [ -f "$here/$piece.dict" ] && dict="-dict=$here/$piece.dict"
  echo "== $name: ${seconds}s over corpus/$piece"
  # shellcheck disable=SC2086
  if "$bin" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-25}" -print_final_stats=1 -artifact_prefix="$artifacts/$piece-" \
      $dict ${FUZZ_FLAGS:-} "$work" "$here/corpus/$piece" >"$build/test/fuzz/$name.log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' \
      "$build/test/fuzz/$name.log" || true
    echo "== $name: ok"
  else
    tail -n 40 "$build/test/fuzz/$name.log"
    echo "== $name: FAILED (log: $build/test/fuzz/$name.log, inputs: $artifacts/$piece-*)"
    failed=1
  fi
done
exit $failed
