#!/usr/bin/env bash
# run-compare.sh: the check behind every "run test" (docs/testing.md).
#
#   run-compare.sh [--stdin FILE] PAR_BINARY SERIAL_BINARY [ARGS...]
#
# Runs SERIAL_BINARY once (the reference: the same source built by a plain
# compiler, pragmas ignored), then PAR_BINARY with PAR_WORKERS=1, 2 and 3,
# then (with RUN_COMPARE_PARRUN) under `parrun -n N` for N = 1..4 with every
# loop sent to the workers (PAR_REMOTE_MIN_US=0), all with the same ARGS. Each parallel run must exit with the serial run's status
# and print exactly the serial run's stdout; stderr is not compared (it is
# shown when a run fails). Exits 0 when all match; otherwise prints which
# worker count differed and a unified diff, and exits 1.
#
# Environment:
#   RUN_COMPARE_WORKERS  worker counts to try (default "1 2 3")
#   RUN_COMPARE_TIMEOUT  seconds allowed per run (default 120)
#   RUN_COMPARE_LAUNCH   a command put before PAR_BINARY, e.g. "parrun -n 2"
#                        (default none: the binary runs its in-process pool)
#   RUN_COMPARE_PARRUN   path of parrun: also run under `parrun -n N`
#   RUN_COMPARE_NWORKERS the N of those runs (default "1 2 3 4")
#   RUN_COMPARE_NO_PARRUN set: no parrun runs (binaries not built by parcc)
#   RUN_COMPARE_NETNS    path of netns-run.sh: also run with 2 workers on a
#                        second "host" (a network namespace, UCX over TCP)
set -u

stdin=/dev/null
if [ "${1:-}" = "--stdin" ]; then
  stdin=$2
  shift 2
fi
if [ $# -lt 2 ]; then
  echo "usage: run-compare.sh [--stdin FILE] PAR_BINARY SERIAL_BINARY [ARGS...]" >&2
  exit 2
fi
par=$1
serial=$2
shift 2

workers=${RUN_COMPARE_WORKERS:-1 2 3}
limit=${RUN_COMPARE_TIMEOUT:-120}
read -r -a launch <<<"${RUN_COMPARE_LAUNCH:-}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# run NAME CMD...: runs CMD with a time limit, stdout to $tmp/NAME.out,
# stderr to $tmp/NAME.err; sets $status.
run() {
  local name=$1
  shift
  timeout -k 5 "$limit" "$@" <"$stdin" >"$tmp/$name.out" 2>"$tmp/$name.err"
  status=$?
}

# A sanitizer report in a run's stderr fails it even when the exit status
# matches (a serial run that fails the same way must not make a pass).
sanitizer_report() {
  grep -qE 'ERROR: (Address|Leak|Memory)Sanitizer|WARNING: ThreadSanitizer|runtime error: ' "$tmp/$1.err"
}

show_stderr() {
  if [ -s "$tmp/$1.err" ]; then
    echo "--- stderr of $2 (last 40 lines):"
    tail -n 40 "$tmp/$1.err"
  fi
}

run serial "$serial" "$@"
serial_status=$status
if [ "$serial_status" -eq 124 ] || [ "$serial_status" -eq 137 ]; then
  echo "run-compare: serial run timed out after ${limit}s: $serial $*"
  exit 1
fi
if [ "$serial_status" -eq 126 ] || [ "$serial_status" -eq 127 ] ||
   [ "$serial_status" -ge 128 ] || sanitizer_report serial; then
  echo "run-compare: the serial reference run failed (exit $serial_status): $serial $*"
  show_stderr serial "$serial"
  exit 1
fi

# The runs: "w<N>" with PAR_WORKERS=N, "n<N>" under parrun -n N.
runs=()
for w in $workers; do runs+=("w$w"); done
if [ -n "${RUN_COMPARE_PARRUN:-}" ] && [ -z "${RUN_COMPARE_NO_PARRUN:-}" ]; then
  for n in ${RUN_COMPARE_NWORKERS:-1 2 3 4}; do runs+=("n$n"); done
  if [ -n "${RUN_COMPARE_NETNS:-}" ]; then runs+=("netns"); fi
fi

failed=0
for w in "${runs[@]}"; do
  if [ "$w" = netns ]; then
    what="two hosts (netns-run.sh, 2 workers, UCX over TCP): $par $*"
    run "$w" bash "$RUN_COMPARE_NETNS" "$RUN_COMPARE_PARRUN" 2 "$par" "$@"
  elif [ "${w#n}" != "$w" ]; then
    what="PAR_REMOTE_MIN_US=0 parrun -n ${w#n} $par $*"
    run "$w" env PAR_REMOTE_MIN_US=0 "$RUN_COMPARE_PARRUN" -n "${w#n}" "$par" "$@"
  else
    what="PAR_WORKERS=${w#w} ${launch[*]:+${launch[*]} }$par $*"
    run "$w" env PAR_WORKERS="${w#w}" "${launch[@]}" "$par" "$@"
  fi
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "run-compare: timed out after ${limit}s: $what"
    show_stderr "$w" "$what"
    failed=1
    continue
  fi
  if sanitizer_report "$w"; then
    echo "run-compare: sanitizer report: $what"
    show_stderr "$w" "$what"
    failed=1
  elif [ "$status" -ne "$serial_status" ]; then
    echo "run-compare: exit status $status, serial exited $serial_status: $what"
    show_stderr "$w" "$what"
    failed=1
  fi
  if ! cmp -s "$tmp/serial.out" "$tmp/$w.out"; then
    echo "run-compare: output differs from the serial run: $what"
    diff -u --label serial --label "$what" "$tmp/serial.out" "$tmp/$w.out" | head -n 60
    show_stderr "$w" "$what"
    failed=1
  fi
done

if [ "$failed" -ne 0 ]; then
  exit 1
fi
# Passing runs print nothing but a one-line record, so lit -v stays readable.
echo "run-compare: ok (runs: ${runs[*]}; $(wc -l <"$tmp/serial.out") lines, exit $serial_status)"
exit 0
