/* tasks.c: empty-task throughput and single-task round-trip latency.
 *
 * In par a task is one chunk of a distributed loop. With
 * `schedule(dynamic, 1)` every iteration is its own task, so:
 *   throughput: one loop of N iterations whose body only writes out[i]
 *               (tasks/s = N / loop time);
 *   latency:    a loop of 1 iteration, run M times in a row (time per loop
 *               execution: hand the task out, run it, get its result back).
 * Each body also records par_rank() of the process that ran it, so the output
 * says where the tasks ran (rank 0: the driver or the in-process pool; 1..N:
 * parrun's workers).
 *
 * N and M are calibrated: grown from a small start until one execution takes
 * at least DIST_TARGET_S seconds (default 0.3) or the cap is reached; then the
 * measurement is repeated DIST_INNER times (default 3) and the median printed.
 * Output, one `key=value` per line:
 *   tput_tasks= tput_s= tasks_per_s= tput_ranks=r:count,...
 *   lat_loops= lat_s= lat_us= lat_ranks=r:count,...
 *   checksum=ok
 * Times are clock_gettime(CLOCK_MONOTONIC); the runtime's start-up (and under
 * parrun the workers' connection) happens before main and is not timed.
 *
 * Usage: ./tasks [max_tasks [max_loops]]
 */
#include <par.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "bench_util.h"

/* Where a task ran, folded into the value it writes: i * MAX_RANK + rank,
 * rank 0 for the driver or a standalone program, 1..N for parrun's workers. */
static long tag(long i) {
  int r = par_rank();
  if (r < 0 || r >= MAX_RANK) r = MAX_RANK - 1;
  return i * MAX_RANK + r;
}

/* N empty tasks: every iteration is a chunk (a block) of its own. No
 * reduction on purpose: with reductions the runtime may merge blocks of
 * schedule(dynamic, 1) so that their partials fit its limit
 * (PAR__LOOP_PARTIALS_MAX), and a task would no longer be one iteration. */
static void many_tasks(int n, long *out) {
#pragma par distribute schedule(dynamic, 1) map(from : out[0:n])
  for (int i = 0; i < n; i++) out[i] = tag(i);
}

/* One task. */
static void one_task(long *where) {
#pragma par distribute schedule(dynamic, 1) map(from : where[0:1])
  for (int i = 0; i < 1; i++) where[i] = tag(i);
}

static void run_many(long n, void *out) { many_tasks((int)n, out); }

static void run_one(long m, void *where) {
  for (long k = 0; k < m; k++) one_task(where);
}

int main(int argc, char **argv) {
  long max_tasks = argc > 1 ? atol(argv[1]) : 1L << 25;
  long max_loops = argc > 2 ? atol(argv[2]) : 1L << 24;
  double target = env_double("DIST_TARGET_S", 0.3);
  int inner = (int)env_double("DIST_INNER", 3);
  if (inner > 100) inner = 100;
  if (max_tasks < 16) max_tasks = 16;
  if (max_tasks > 1L << 28) max_tasks = 1L << 28;
  if (max_loops < 16) max_loops = 16;
  int ok = 1;
  double t[100];

  /* ---- throughput ---- */
  long *out = malloc((size_t)max_tasks * sizeof *out);
  if (!out) {
    fprintf(stderr, "tasks: out of memory\n");
    return 1;
  }
  many_tasks(1024, out); /* warm-up */
  long n = calibrate(1024, max_tasks, target, run_many, out);
  long tcount[MAX_RANK] = {0};
  for (int r = 0; r < inner; r++) {
    memset(out, 0xff, (size_t)n * sizeof *out);
    double t0 = now();
    many_tasks((int)n, out);
    t[r] = now() - t0;
    for (long i = 0; i < n; i++) {
      if (out[i] < 0 || out[i] / MAX_RANK != i) ok = 0;
      else tcount[out[i] % MAX_RANK]++;
    }
  }
  double tt = median(t, inner);
  printf("tput_tasks=%ld\ntput_s=%.6f\ntasks_per_s=%.1f\n", n, tt, (double)n / tt);
  print_ranks("tput_ranks", tcount);
  free(out);

  /* ---- latency ---- */
  long where = -1;
  for (int k = 0; k < 100; k++) one_task(&where); /* warm-up */
  long m = calibrate(16, max_loops, target, run_one, &where);
  long lcount[MAX_RANK] = {0};
  for (int r = 0; r < inner; r++) {
    double t0 = now();
    for (long k = 0; k < m; k++) {
      where = -1;
      one_task(&where);
      if (where < 0 || where / MAX_RANK != 0) ok = 0;
      else lcount[where % MAX_RANK]++;
    }
    t[r] = now() - t0;
  }
  double lt = median(t, inner);
  printf("lat_loops=%ld\nlat_s=%.6f\nlat_us=%.3f\n", m, lt, 1e6 * lt / (double)m);
  print_ranks("lat_ranks", lcount);
  printf("checksum=%s\n", ok ? "ok" : "BAD");
  return ok ? 0 : 1;
}
