#!/usr/bin/env bash
# bench/run.sh: serial vs OpenMP vs par on the kernels in bench/kernels/.
#
#   bench/run.sh                       # all kernels, 5 runs each, rewrites docs/performance.md
#   BENCH_REPS=3 bench/run.sh pi nbody # some kernels, 3 runs each
#
# Every kernel (bench/kernels/<name>.c) is built three ways from the same source:
#   serial  clang-19 -O2 -Wno-unknown-pragmas           (both pragmas ignored)
#   omp     clang-19 -O2 -Wno-unknown-pragmas -fopenmp  (the `#pragma omp parallel for`)
#   par     parcc -O2                                   (the `#pragma par distribute`)
# and run as serial, omp (OMP_NUM_THREADS = online CPUs), par (PAR_WORKERS unset:
# one worker per online CPU) and par1 (the par binary with PAR_WORKERS=1).
# Runs are interleaved (run 1 of every variant of every kernel, then run 2, ...)
# so that background load hits every variant alike. Each run prints
# `time_s=<median of its inner repetitions>` (also min_s= and cpu_s=, kept in
# the raw results) and `checksum=...`; the table
# reports the median over the runs, and every run of every variant must print
# the same checksum line as the serial build, or the script fails.
#
# Environment:
#   BENCH_REPS    runs per variant (default 5)
#   BENCH_INNER   timed repetitions inside one run (default 3; median taken there too)
#   PARCC         the parcc to use (default: build/bin/parcc; built with cmake if missing)
#   BENCH_CC      the C compiler for the serial and OpenMP builds (default clang-19)
#   BENCH_CFLAGS  optimization flags for all three builds (default -O2)
#   BENCH_BUILD   where binaries and raw results go (default build/bench)
#   BENCH_DOC     the markdown file to update (default docs/performance.md); only
#                 the part between the `bench:begin` and `bench:end` markers is replaced
#   BENCH_TIMEOUT seconds allowed per run (default 600)
#   BENCH_DIST=1  afterwards, also run bench/dist/run.sh (par under parrun
#                 against Dask, joblib, ucx_perftest and OpenMP; its own
#                 section of the same document), with BENCH_DIST_REPS runs
#                 per configuration (default 3)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kdir=$root/bench/kernels
reps=${BENCH_REPS:-5}
cc=${BENCH_CC:-clang-19}
cflags=${BENCH_CFLAGS:--O2}
build=${BENCH_BUILD:-$root/build/bench}
doc=${BENCH_DOC:-$root/docs/performance.md}
run_timeout=${BENCH_TIMEOUT:-600}
parcc=${PARCC:-$root/build/bin/parcc}
ncpu=$(getconf _NPROCESSORS_ONLN)

die() { echo "bench: $*" >&2; exit 1; }
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive integer (got '$reps')"
command -v "$cc" >/dev/null || die "no $cc on PATH (set BENCH_CC)"

if [[ ! -x $parcc ]]; then
  [[ -z ${PARCC:-} ]] || die "PARCC=$parcc is not executable"
  echo "bench: building par in $root/build" >&2
  cmake -S "$root" -B "$root/build" -G Ninja >/dev/null
  cmake --build "$root/build" >/dev/null
fi

# Kernels: the arguments, or every bench/kernels/*.c.
kernels=()
if (($#)); then
  for k in "$@"; do
    k=${k%.c}; k=${k##*/}
    [[ -f $kdir/$k.c ]] || die "no kernel $kdir/$k.c"
    kernels+=("$k")
  done
else
  for f in "$kdir"/*.c; do kernels+=("$(basename "$f" .c)"); done
fi

# ---- build ------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg) # before anything of ours runs
mkdir -p "$build"
echo "bench: building ${#kernels[@]} kernels x 3 variants in $build" >&2
for k in "${kernels[@]}"; do
  src=$kdir/$k.c
  $cc $cflags -Wno-unknown-pragmas "$src" -o "$build/$k.serial" -lm
  $cc $cflags -Wno-unknown-pragmas -fopenmp "$src" -o "$build/$k.omp" -lm
  "$parcc" $cflags "$src" -o "$build/$k.par" -lm
done

# ---- run --------------------------------------------------------------------
variants=(serial omp par par1)
raw=$build/results.tsv
printf 'kernel\tvariant\trun\ttime_s\tmin_s\tcpu_s\tchecksum\n' >"$raw"

run_one() { # kernel variant -> prints "time<TAB>min<TAB>cpu<TAB>checksum"
  local k=$1 v=$2 out bin
  local -a envs
  case $v in
    serial) envs=(env -u PAR_WORKERS -u OMP_NUM_THREADS); bin=$build/$k.serial ;;
    omp) envs=(env -u PAR_WORKERS OMP_NUM_THREADS="$ncpu"); bin=$build/$k.omp ;;
    par) envs=(env -u PAR_WORKERS -u OMP_NUM_THREADS); bin=$build/$k.par ;;
    par1) envs=(env -u OMP_NUM_THREADS PAR_WORKERS=1); bin=$build/$k.par ;;
  esac
  if ! out=$("${envs[@]}" timeout "$run_timeout" "$bin" 2>"$build/$k.$v.stderr"); then
    cat "$build/$k.$v.stderr" >&2
    die "$k ($v) failed or timed out; stderr above"
  fi
  local t c m u
  t=$(sed -n 's/^time_s=//p' <<<"$out")
  m=$(sed -n 's/^min_s=//p' <<<"$out")
  u=$(sed -n 's/^cpu_s=//p' <<<"$out")
  c=$(sed -n 's/^checksum=//p' <<<"$out")
  [[ -n $t && -n $c ]] || die "$k ($v) printed no time_s= or checksum= line:"$'\n'"$out"
  printf '%s\t%s\t%s\t%s\n' "$t" "${m:--}" "${u:--}" "$c"
}

declare -A ref
for ((r = 1; r <= reps; r++)); do
  for k in "${kernels[@]}"; do
    for v in "${variants[@]}"; do
      res=$(run_one "$k" "$v") || exit 1
      IFS=$'\t' read -r t m u c <<<"$res"
      printf '%s\t%s\t%d\t%s\t%s\t%s\t%s\n' "$k" "$v" "$r" "$t" "$m" "$u" "$c" >>"$raw"
      printf 'bench: run %d/%d %-11s %-6s %9ss (cpu %ss)  %s\n' "$r" "$reps" "$k" "$v" "$t" "$u" "$c" >&2
      key=$k
      if [[ -z ${ref[$key]:-} ]]; then
        ref[$key]=$c
      elif [[ ${ref[$key]} != "$c" ]]; then
        die "checksum mismatch for $k: $v run $r printed '$c', the first run printed '${ref[$key]}' (raw results: $raw)"
      fi
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- summarize --------------------------------------------------------------
median() { # kernel variant
  awk -F'\t' -v k="$1" -v v="$2" '$1 == k && $2 == v { print $4 }' "$raw" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.4f", a[(NR + 1) / 2]; else printf "%.4f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
ccver=$($cc --version | head -1)
table=$(mktemp)
{
  echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $ncpu online CPUs ($cpu),"
  echo "$(uname -sr), $ccver, flags \`$cflags\`, $reps runs per variant, $(
    [[ -n ${BENCH_INNER:-} ]] && echo "$BENCH_INNER" || echo 3) timed repetitions inside each run."
  echo "parcc: \`${parcc#"$root/"}\` ($("$parcc" --version | head -1))."
  echo "Load average (1, 5, 15 min) before the benchmark: $load_before; after (its own runs included): $load_after."
  if awk -v a="${load_before%% *}" -v n="$ncpu" 'BEGIN { exit !(a > n / 2) }'; then
    echo
    echo "**Warning: the machine was busy when this started (1-minute load average above half the CPUs):"
    echo "other programs took CPU time from the kernels, so these numbers are noisy, and the parallel"
    echo "variants suffer most. Rerun \`bench/run.sh\` on an idle machine before drawing conclusions.**"
  fi
  echo
  echo "Times are seconds for one timed repetition of the kernel (median). speedup = serial / par;"
  echo "vs OpenMP = OpenMP time / par time (1.00 or more: par is as fast as OpenMP or faster)."
  echo "Target: speedup >= 1.9 on compute-bound kernels on 2 cores, vs OpenMP >= 0.95 everywhere."
  echo
  echo "| kernel | kind | serial s | OpenMP s | par s | speedup (serial/par) | vs OpenMP (omp/par) | OpenMP speedup | target |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|---|"
  for k in "${kernels[@]}"; do
    kind=$(sed -n 's@^/\* BENCH-KIND: \(.*\) \*/$@\1@p' "$kdir/$k.c" | head -1)
    ts=$(median "$k" serial); to=$(median "$k" omp); tp=$(median "$k" par)
    sp=$(ratio "$ts" "$tp"); vo=$(ratio "$to" "$tp"); so=$(ratio "$ts" "$to")
    verdict=$(awk -v sp="$sp" -v vo="$vo" -v kind="$kind" -v n="$ncpu" 'BEGIN {
      msg = ""
      if (vo < 0.95) msg = msg "below 0.95x OpenMP; "
      if (kind ~ /^compute/ && n == 2 && sp < 1.9) msg = msg "below 1.9x serial; "
      if (msg == "") print "met"; else { sub(/; $/, "", msg); print "**" msg "**" } }')
    [[ $sp == n/a || $vo == n/a ]] && verdict=n/a
    echo "| $k | ${kind:-?} | $ts | $to | $tp | ${sp/%[0-9]/&x} | $vo | ${so/%[0-9]/&x} | $verdict |"
  done
  echo
  echo "One worker: the par binary with \`PAR_WORKERS=1\` against the serial build (the cost of"
  echo "the runtime and of the rewritten loop when nothing runs in parallel)."
  echo
  echo "| kernel | serial s | par, PAR_WORKERS=1 s | par1 / serial |"
  echo "|---|--:|--:|--:|"
  for k in "${kernels[@]}"; do
    ts=$(median "$k" serial); t1=$(median "$k" par1)
    echo "| $k | $ts | $t1 | $(ratio "$t1" "$ts") |"
  done
} >"$table"

begin='<!-- bench:begin (generated by bench/run.sh; edit outside these markers) -->'
end='<!-- bench:end -->'
mkdir -p "$(dirname "$doc")"
if [[ -f $doc ]] && grep -qF '<!-- bench:begin' "$doc" && grep -qF "$end" "$doc"; then
  awk -v tf="$table" -v b="$begin" -v e="$end" '
    index($0, "<!-- bench:begin") == 1 { print b; while ((getline l < tf) > 0) print l; skip = 1; next }
    index($0, "<!-- bench:end") == 1 { print e; skip = 0; next }
    !skip { print }' "$doc" >"$doc.tmp"
  mv "$doc.tmp" "$doc"
elif [[ -f $doc ]]; then
  { echo; echo "$begin"; cat "$table"; echo "$end"; } >>"$doc" # no markers yet: append
else
  { echo "# Performance"; echo; echo "$begin"; cat "$table"; echo "$end"; } >"$doc"
fi
rm -f "$table"
echo "bench: wrote $doc (raw results: $raw)" >&2

# ---- distributed (bench/dist/run.sh) -------------------------------------------
if [[ ${BENCH_DIST:-} == 1 ]]; then
  echo "bench: running bench/dist/run.sh" >&2
  PARCC=$parcc PARRUN=$(dirname "$parcc")/parrun BENCH_DOC=$doc BENCH_CC=$cc \
    DIST_BUILD=${DIST_BUILD:-$build/dist} BENCH_REPS=${BENCH_DIST_REPS:-3} "$root/bench/dist/run.sh"
fi
