/* fntasks.c: tiny distributed-function tasks: spawn+sync throughput and
 * round-trip latency (issue 4's benchmark, next to Dask's client.submit and
 * joblib in peers.py).
 *
 *   throughput: N spawns of a function that only returns par_rank() into
 *               out[i], then one `#pragma par sync` (tasks/s = N / time);
 *   latency:    one spawn and its sync, M times in a row (time per round
 *               trip; under parrun the call goes to a worker and back).
 * N and M are calibrated as in tasks.c (grown until one measurement lasts
 * DIST_TARGET_S, default 0.3 s), then measured DIST_INNER times (median).
 * Output, one `key=value` per line:
 *   tput_tasks= tput_s= tasks_per_s= tput_ranks=r:count,...
 *   lat_loops= lat_s= lat_us= lat_ranks=r:count,...
 *   checksum=ok
 *
 * Usage: ./fntasks [max_tasks [max_loops]]
 */
#include <par.h>
#include <stdio.h>
#include <stdlib.h>


#include "bench_util.h"

/* The task: which process ran it. */
#pragma par distribute
int where(int i) {
  int r = par_rank();
  return (r < 0 || r >= MAX_RANK ? MAX_RANK - 1 : r) + 0 * i;
}

static void many(long n, int *out) {
  for (long i = 0; i < n; i++) {
#pragma par spawn
    out[i] = where((int)i);
  }
#pragma par sync
}

static void one(int *out) {
#pragma par spawn
  out[0] = where(0);
#pragma par sync
}

static void count_ranks(const int *v, long n, long *count) {
  for (long i = 0; i < n; i++) count[v[i] >= 0 && v[i] < MAX_RANK ? v[i] : MAX_RANK - 1]++;
}

static void run_many(long n, void *out) { many(n, out); }

static void run_one(long m, void *v) {
  for (long i = 0; i < m; i++) one(v);
}

int main(int argc, char **argv) {
  long max_tasks = argc > 1 ? atol(argv[1]) : 1L << 22;
  long max_loops = argc > 2 ? atol(argv[2]) : 1L << 20;
  double target = env_double("DIST_TARGET_S", 0.3);
  int inner = (int)env_double("DIST_INNER", 3);
  if (inner > 100) inner = 100;
  if (max_tasks < 16) max_tasks = 16;
  if (max_loops < 16) max_loops = 16;
  double t[100];

  int *out = malloc((size_t)max_tasks * sizeof *out);
  if (!out) return 1;
  many(256, out); /* warm-up */
  long n = calibrate(256, max_tasks, target, run_many, out);
  long tcount[MAX_RANK] = {0};
  for (int r = 0; r < inner; r++) {
    for (long i = 0; i < n; i++) out[i] = -1;
    double t0 = now();
    many(n, out);
    t[r] = now() - t0;
    for (long i = 0; i < n; i++)
      if (out[i] < 0) {
        printf("checksum=bad (task %ld did not run)\n", i);
        return 1;
      }
    if (r == 0) count_ranks(out, n, tcount);
  }
  double tput_s = median(t, inner);
  printf("tput_tasks=%ld\ntput_s=%.6f\ntasks_per_s=%.1f\n", n, tput_s, n / tput_s);
  print_ranks("tput_ranks", tcount);

  int v = 0;
  long m = calibrate(16, max_loops, target, run_one, &v);
  long lcount[MAX_RANK] = {0};
  for (int r = 0; r < inner; r++) {
    double t0 = now();
    for (long i = 0; i < m; i++) {
      v = -1;
      one(&v);
      if (r == 0) count_ranks(&v, 1, lcount);
    }
    t[r] = now() - t0;
  }
  double lat_s = median(t, inner);
  printf("lat_loops=%ld\nlat_s=%.6f\nlat_us=%.3f\n", m, lat_s, 1e6 * lat_s / m);
  print_ranks("lat_ranks", lcount);
  printf("checksum=ok\n");
  free(out);
  return 0;
}
