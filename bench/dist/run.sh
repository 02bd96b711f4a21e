#!/usr/bin/env bash
# bench/dist/run.sh: par across processes (parrun) against Dask, joblib,
# ucx_perftest and OpenMP. Builds the programs, runs everything, and rewrites
# the part of docs/performance.md between `<!-- dist:begin` and
# `<!-- dist:end -->` (report.py makes the tables from the raw results).
#
#   bench/dist/run.sh                     # everything, BENCH_REPS=3
#   BENCH_REPS=1 bench/dist/run.sh tasks  # some parts: tasks peers bw kernels
#   PAR_BUILD=build-bench bench/dist/run.sh
#
# Parts:
#   tasks    tasks.c (parcc): empty-task throughput and 1-task latency, as ./app
#            (in-process pool), parrun -n 2 over shared memory (default
#            UCX_TLS) and parrun -n 2 over TCP (UCX_TLS=tcp,self
#            UCX_NET_DEVICES=lo); the parrun ones both with the default
#            PAR_REMOTE_MIN_US and with PAR_REMOTE_MIN_US=0 (every loop, even
#            a 1-iteration one, goes to a worker)
#   fn       fntasks.c (parcc): tiny distributed-function tasks, spawn+sync
#            throughput and one spawn+sync round trip, as ./app and parrun
#            -n 2 over shared memory and TCP (compared with the peers' rows)
#   peers    the same for Dask distributed (LocalCluster, 2 worker processes,
#            1 thread each) and joblib (Parallel(n_jobs=2), loky,
#            batch_size='auto' and 1): peers.py under /usr/bin/python3
#   bw       mapbw.c under parrun -n 1 (shm, tcp; both with PAR_SHM=0, so the
#            array travels) against ucx_perftest -t ucp_am_bw with the same
#            message size and UCX_TLS (par's default, ^sysv,posix, for shm),
#            with peer error handling (-e, as par's endpoints) and without,
#            for each of
#            DIST_SIZES MiB; plus parrun -n 1 with the defaults (the worker
#            reads the driver's array in place, in shared memory) and the
#            loop in-process (PAR_WORKERS=1) for scale
#   kernels  bench/kernels/*.c: parrun -n 2 (shm) against clang -fopenmp with
#            OMP_NUM_THREADS=2, same inputs, same checksum
# A run that fails or times out is recorded as such (its row says n/a, with the
# reason); the script goes on and still writes the document.
#
# Environment:
#   BENCH_REPS     process runs per configuration (default 3); the tables show
#                  the median over runs. Python peers run once, with BENCH_REPS
#                  repetitions inside (their start-up is slow and not measured)
#   PAR_BUILD      par's build tree (default <root>/build; configured and built
#                  with cmake when its bin/parcc is missing)
#   PARCC PARRUN   override the tools (default $PAR_BUILD/bin/{parcc,parrun})
#   BENCH_CC       compiler for the OpenMP builds (default clang-19)
#   DIST_BUILD     binaries and raw results (default $PAR_BUILD/bench-dist)
#   BENCH_DOC      document to update (default <root>/docs/performance.md)
#   DIST_TIMEOUT   seconds allowed per run (default 180)
#   DIST_SIZES     map sizes in MiB (default "64 256")
#   DIST_PYTHON    python for the peers (default /usr/bin/python3)
#   DIST_TARGET_S  seconds a calibrated measurement in tasks.c lasts (default 0.3)
#   DIST_KERNELS   kernels to run (default: every bench/kernels/*.c)
#   DIST_KERNEL_INNER  BENCH_INNER for the kernels (timed repetitions after
#                  the warm-up, default 3 as in bench/run.sh: under parrun the
#                  second execution of a loop still pays for pages a worker
#                  touches for the first time, which a program that runs its
#                  loops more than twice pays once)
#   DIST_NO_DOC=1  do not touch the document (print the tables instead); so
#                  is a run of only some parts, so that every ratio in the
#                  document comes from one run
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
reps=${BENCH_REPS:-3}
par_build=${PAR_BUILD:-$root/build}
[[ $par_build = /* ]] || par_build=$root/$par_build
parcc=${PARCC:-$par_build/bin/parcc}
parrun=${PARRUN:-$par_build/bin/parrun}
cc=${BENCH_CC:-clang-19}
build=${DIST_BUILD:-$par_build/bench-dist}
doc=${BENCH_DOC:-$root/docs/performance.md}
tmo=${DIST_TIMEOUT:-180}
sizes=${DIST_SIZES:-64 256}
py=${DIST_PYTHON:-/usr/bin/python3}
kdir=$root/bench/kernels

die() { echo "bench/dist: $*" >&2; exit 1; }
say() { echo "bench/dist: $*" >&2; }
[[ $reps =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive integer (got '$reps')"

parts=("$@")
((${#parts[@]})) || parts=(tasks fn peers bw kernels)
for p in "${parts[@]}"; do
  case $p in tasks | fn | peers | bw | kernels) ;; *) die "unknown part '$p' (tasks fn peers bw kernels)" ;; esac
done
want() { local p; for p in "${parts[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }

# par's own tree is always brought up to date (a stale runtime would be
# measured otherwise); PARCC/PARRUN given from outside are taken as they are.
if [[ -z ${PARCC:-} && -z ${PARRUN:-} ]]; then
  say "building par in $par_build"
  [[ -f $par_build/build.ninja ]] ||
    cmake -S "$root" -B "$par_build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null || die "cmake failed"
  cmake --build "$par_build" >/dev/null || die "build failed"
fi
[[ -x $parcc && -x $parrun ]] || die "PARCC/PARRUN not executable"

mkdir -p "$build"
raw=$build/results.tsv
meta=$build/meta.txt
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- build --------------------------------------------------------------------
# A program that does not build gives n/a rows (with the compiler's first error),
# not a dead script.
say "building in $build"
declare -A berr
build_one() { # OUTPUT compiler args...
  local outp=$1 log; shift
  rm -f "$outp"
  log=$("$@" -o "$outp" 2>&1)
  if [[ $? -ne 0 || ! -x $outp ]]; then
    berr[$outp]="build failed: $(grep -m1 -E 'error' <<<"$log" || tail -1 <<<"$log")"
    say "${berr[$outp]}"
  fi
}
build_one "$build/tasks" "$parcc" -O2 "$here/tasks.c"
build_one "$build/fntasks" "$parcc" -O2 "$here/fntasks.c"
# reassociation lets clang vectorize the sum, so that the loop body is not what limits the rate
build_one "$build/mapbw" "$parcc" -O2 -fassociative-math -fno-signed-zeros -fno-trapping-math "$here/mapbw.c"
kernels=()
if want kernels; then
  if [[ -n ${DIST_KERNELS:-} ]]; then
    for k in $DIST_KERNELS; do k=${k%.c}; k=${k##*/}; [[ -f $kdir/$k.c ]] || die "no kernel $k"; kernels+=("$k"); done
  else
    for f in "$kdir"/*.c; do kernels+=("$(basename "$f" .c)"); done
  fi
  for k in "${kernels[@]}"; do
    build_one "$build/$k.omp" $cc -O2 -Wno-unknown-pragmas -fopenmp "$kdir/$k.c" -lm
    build_one "$build/$k.par" "$parcc" -O2 "$kdir/$k.c" -lm
  done
fi

# ---- running ------------------------------------------------------------------
printf 'part\tconfig\trun\tkey\tvalue\n' >"$raw"
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$raw"; }

# run_cfg PART CONFIG RUN -- command...: runs it with a timeout, records every
# key=value line of its stdout, or status=fail/timeout and the error's last line.
run_cfg() {
  local part=$1 cfg=$2 run=$3; shift 4
  local out err rc a
  for a in "$@"; do
    if [[ -n ${berr[$a]:-} ]]; then
      record "$part" "$cfg" "$run" status fail
      record "$part" "$cfg" "$run" error "${berr[$a]//$'\t'/ }"
      return 1
    fi
  done
  err=$build/last.stderr
  out=$(timeout -k 5 "$tmo" "$@" 2>"$err")
  rc=$?
  if ((rc == 0)) && grep -q '^checksum=ok$' <<<"$out"; then
    record "$part" "$cfg" "$run" status ok
    while IFS='=' read -r k v; do
      [[ $k =~ ^[a-z_]+$ && -n $v ]] && record "$part" "$cfg" "$run" "$k" "$v"
    done <<<"$out"
    say "$part $cfg run $run: $(grep -E '^(tasks_per_s|lat_us|bytes_per_s|time_s)=' <<<"$out" | tr '\n' ' ')"
    return 0
  fi
  local why
  if ((rc == 124 || rc == 137)); then
    why="timed out after ${tmo} s"
  else
    why=$(grep -v '^[[:space:]]*$' "$err" | grep -iE 'error|fail|refus|abort|signal' | head -1)
    [[ -n $why ]] || why=$(grep -v '^[[:space:]]*$' "$err" | tail -1)
    [[ -n $why ]] || why=$(grep -v '^[[:space:]]*$' <<<"$out" | tail -1)
    why="exit $rc: ${why:-no output}"
  fi
  why=${why//$'\t'/ }
  record "$part" "$cfg" "$run" status fail
  record "$part" "$cfg" "$run" error "${why:0:300}"
  say "$part $cfg run $run FAILED: $why"
  return 1
}

# unset: what a plain `parrun -n N ./app` gets (append only VAR=value to these)
shm_env=(env -u UCX_TLS -u UCX_NET_DEVICES -u PAR_WORKERS -u PAR_REMOTE_MIN_US -u OMP_NUM_THREADS)
# Over TCP the data must really travel: PAR_SHM=0, or workers on this host
# would use the driver's arrays in place (docs/distributed.md).
tcp_env=(env -u PAR_WORKERS -u PAR_REMOTE_MIN_US -u OMP_NUM_THREADS UCX_TLS=tcp,self UCX_NET_DEVICES=lo PAR_SHM=0)
prun() { "$parrun" --timeout "$tmo" "$@"; }

if want tasks; then
  for ((r = 1; r <= reps; r++)); do
    run_cfg tasks par-app "$r" -- env -u PAR_WORKERS -u PAR_REMOTE_MIN_US "$build/tasks"
    # default: the driver runs a loop itself when it predicts it shorter than
    # PAR_REMOTE_MIN_US (200 µs), which a 1-iteration loop is; =0 sends every
    # loop to the workers, so its latency is a real round trip
    run_cfg tasks par-shm "$r" -- "${shm_env[@]}" "$parrun" --timeout "$tmo" -n 2 "$build/tasks"
    run_cfg tasks par-shm-remote "$r" -- "${shm_env[@]}" PAR_REMOTE_MIN_US=0 "$parrun" --timeout "$tmo" -n 2 "$build/tasks"
    run_cfg tasks par-tcp "$r" -- "${tcp_env[@]}" "$parrun" --timeout "$tmo" -n 2 "$build/tasks"
    run_cfg tasks par-tcp-remote "$r" -- "${tcp_env[@]}" PAR_REMOTE_MIN_US=0 "$parrun" --timeout "$tmo" -n 2 "$build/tasks"
  done
fi

if want fn; then
  for ((r = 1; r <= reps; r++)); do
    run_cfg fn par-app "$r" -- env -u PAR_WORKERS "$build/fntasks"
    run_cfg fn par-shm "$r" -- "${shm_env[@]}" "$parrun" --timeout "$tmo" -n 2 "$build/fntasks"
    run_cfg fn par-tcp "$r" -- "${tcp_env[@]}" "$parrun" --timeout "$tmo" -n 2 "$build/fntasks"
  done
fi

if want peers; then
  if "$py" -c 'import distributed, joblib' 2>/dev/null; then
    # Python peers: one process each, BENCH_REPS repetitions inside (median)
    run_cfg tasks dask 1 -- env DIST_INNER="$reps" "$py" "$here/peers.py" dask "${DIST_DASK_N:-1000}" "${DIST_DASK_M:-100}"
    run_cfg tasks joblib-auto 1 -- env DIST_INNER="$reps" "$py" "$here/peers.py" joblib auto "${DIST_JOBLIB_N:-200000}" 300
    run_cfg tasks joblib-1 1 -- env DIST_INNER="$reps" "$py" "$here/peers.py" joblib 1 "${DIST_JOBLIB1_N:-5000}" 300
  else
    say "$py has no distributed/joblib (apt-get install python3-distributed python3-joblib)"
    for c in dask joblib-auto joblib-1; do
      record tasks "$c" 1 status fail
      record tasks "$c" 1 error "$py cannot import distributed and joblib"
    done
  fi
fi

# ucx_perftest: a server and a client on 127.0.0.1, -t ucp_am_bw, same size.
# Prints key=value lines like the C programs (bytes_per_s from the overall
# time per message, i.e. the 'overhead overall' column).
perftest() { # SIZE_BYTES ITERS [ucx_perftest options, e.g. -e]
  local size=$1 iters=$2 port srvlog out i line
  shift 2
  srvlog=$(mktemp)
  for ((i = 0; i < 5; i++)); do
    port=$((20000 + RANDOM % 30000))
    # stdbuf: the server's "Waiting for connection" must reach the log at once
    stdbuf -oL ucx_perftest -t ucp_am_bw -s "$size" -n "$iters" -w 2 -p "$port" "$@" >"$srvlog" 2>&1 &
    local spid=$!
    local ok=0
    for ((w = 0; w < 50; w++)); do
      grep -q 'Waiting for connection' "$srvlog" && { ok=1; break; }
      kill -0 "$spid" 2>/dev/null || break
      sleep 0.1
    done
    if ((ok)); then
      out=$(ucx_perftest 127.0.0.1 -t ucp_am_bw -s "$size" -n "$iters" -w 2 -p "$port" "$@" 2>&1)
      wait "$spid" 2>/dev/null
      line=$(grep '^Final:' <<<"$out")
      if [[ -n $line ]]; then
        rm -f "$srvlog"
        # Final: iters p50 avg overall bw_avg bw_overall rate_avg rate_overall
        awk -v s="$size" '{ us = $5; printf "bytes=%s\nmsg_us=%s\nbytes_per_s=%.1f\nchecksum=ok\n", s, us, s / (us * 1e-6) }' <<<"$line"
        return 0
      fi
      echo "$out" | tail -3 >&2
    else
      kill "$spid" 2>/dev/null
      wait "$spid" 2>/dev/null
    fi
  done
  cat "$srvlog" >&2
  rm -f "$srvlog"
  return 1
}

if want bw; then
  command -v ucx_perftest >/dev/null || say "no ucx_perftest (apt-get install ucx-utils): its rows will be n/a"
  for ((r = 1; r <= reps; r++)); do
    for s in $sizes; do
      bytes=$((s * 1048576))
      iters=$(((2048 + s - 1) / s)) # about 2 GiB per perftest run
      ((iters < 5)) && iters=5
      run_cfg bw "local-$s" "$r" -- env -u PAR_REMOTE_MIN_US PAR_WORKERS=1 "$build/mapbw" "$s"
      run_cfg bw "par-shm-$s" "$r" -- "${shm_env[@]}" PAR_SHM=0 "$parrun" --timeout "$tmo" -n 1 "$build/mapbw" "$s"
      run_cfg bw "par-inplace-$s" "$r" -- "${shm_env[@]}" "$parrun" --timeout "$tmo" -n 1 "$build/mapbw" "$s"
      # ucx_perftest with the transports par uses when UCX_TLS is unset
      # (runtime/node.h), with peer error handling (-e) as par's endpoints
      # have, and without it for reference
      run_cfg bw "ucx-shm-$s" "$r" -- "${shm_env[@]}" UCX_TLS='^sysv,posix' bash -c "$(declare -f perftest); perftest $bytes $iters -e"
      run_cfg bw "ucxnoerr-shm-$s" "$r" -- "${shm_env[@]}" UCX_TLS='^sysv,posix' bash -c "$(declare -f perftest); perftest $bytes $iters"
      run_cfg bw "par-tcp-$s" "$r" -- "${tcp_env[@]}" "$parrun" --timeout "$tmo" -n 1 "$build/mapbw" "$s"
      run_cfg bw "ucx-tcp-$s" "$r" -- "${tcp_env[@]}" bash -c "$(declare -f perftest); perftest $bytes $iters -e"
      run_cfg bw "ucxnoerr-tcp-$s" "$r" -- "${tcp_env[@]}" bash -c "$(declare -f perftest); perftest $bytes $iters"
    done
  done
fi

if want kernels; then
  kinner=${DIST_KERNEL_INNER:-3}
  for ((r = 1; r <= reps; r++)); do
    for k in "${kernels[@]}"; do
      # the kernels print checksum=<value>: turn it into checksum=ok after comparing omp and par
      for v in omp par; do
        if [[ $v == omp ]]; then
          cmd=(env -u PAR_WORKERS -u PAR_REMOTE_MIN_US OMP_NUM_THREADS=2 BENCH_INNER="$kinner" "$build/$k.omp")
        else
          cmd=("${shm_env[@]}" BENCH_INNER="$kinner" "$parrun" --timeout "$tmo" -n 2 "$build/$k.par")
        fi
        if [[ -n ${berr[$build/$k.$v]:-} ]]; then
          record kernel "$v:$k" "$r" status fail
          record kernel "$v:$k" "$r" error "${berr[$build/$k.$v]//$'\t'/ }"
          continue
        fi
        out=$(timeout -k 5 "$tmo" "${cmd[@]}" 2>"$build/last.stderr")
        rc=$?
        cs=$(sed -n 's/^checksum=//p' <<<"$out")
        t=$(sed -n 's/^time_s=//p' <<<"$out")
        u=$(sed -n 's/^cpu_s=//p' <<<"$out")
        if ((rc == 0)) && [[ -n $cs && -n $t ]]; then
          record kernel "$v:$k" "$r" status ok
          record kernel "$v:$k" "$r" time_s "$t"
          record kernel "$v:$k" "$r" checksum "$cs"
          [[ -n $u ]] && record kernel "$v:$k" "$r" cpu_s "$u"
          say "kernel $k $v run $r: time_s=$t checksum=$cs"
        else
          if ((rc == 124 || rc == 137)); then
            why="timed out after ${tmo} s"
          else
            why=$(grep -iE 'error|fail|refus|abort|signal' "$build/last.stderr" | head -1)
            [[ -n $why ]] || why=$(grep -v '^[[:space:]]*$' "$build/last.stderr" | tail -1)
            why="exit $rc: ${why:-no output}"
          fi
          why=${why//$'\t'/ }
          record kernel "$v:$k" "$r" status fail
          record kernel "$v:$k" "$r" error "${why:0:300}"
          say "kernel $k $v run $r FAILED: $why"
        fi
      done
    done
  done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- what the machine is -------------------------------------------------------
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "kernel=$(uname -sr)"
  echo "mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "ucx=$(ucx_info -v 2>/dev/null | sed -n 's/^# Version //p' | head -1)"
  echo "cc=$($cc --version | head -1)"
  echo "parcc=$("$parcc" --version | head -1)"
  echo "python=$("$py" --version 2>&1)"
  echo "dask=$("$py" -c 'import distributed; print(distributed.__version__)' 2>/dev/null || echo n/a)"
  echo "joblib=$("$py" -c 'import joblib; print(joblib.__version__)' 2>/dev/null || echo n/a)"
  echo "reps=$reps"
  echo "sizes=$sizes"
  echo "kernel_inner=${DIST_KERNEL_INNER:-3}"
  echo "load_before=$load_before"
  echo "load_after=$load_after"
  echo "parts=${parts[*]}"
} >"$meta"

all=1
for p in tasks peers bw kernels; do want "$p" || all=0; done
if [[ ${DIST_NO_DOC:-} == 1 || $all == 0 ]]; then
  ((all)) || say "only some parts were run: the document is left alone (tables below)"
  "$py" "$here/report.py" "$raw" "$meta" -
else
  "$py" "$here/report.py" "$raw" "$meta" "$doc" && say "wrote $doc (raw results: $raw)"
fi
