/* mapbw.c: how fast a distributed loop moves its `map(to:)` data.
 *
 * One loop reads every element of a large double array once (a sum):
 *     #pragma par distribute map(to : a[0:n]) reduction(+ : sum)
 * Run under `parrun -n 1`, the worker must receive the whole array for every
 * execution of the loop, so bytes/s = array bytes / loop time is the rate at
 * which par ships mapped data (plus the sum itself, which bench/dist/run.sh
 * compiles with reassociation allowed so that clang vectorizes it: about
 * 14 GB/s on one core here, not the bottleneck; see `local_*` below).
 *
 * A second loop, identical but also counting where its elements were summed
 * (par_rank() sampled once every 4096 elements), is run once untimed, so the
 * output says which share of the data a worker received
 * (`remote_frac=1` means all of it travelled).
 *
 * Usage: ./mapbw MiB [reps]   (default 64 MiB, DIST_INNER or 5 timed reps)
 * Output: bytes= reps= loop_s=<median> min_s= bytes_per_s=<bytes/median>
 *         remote_frac= checksum=
 */
#include <par.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

static double sum_loop(int n, const double *a) {
  double sum = 0.0;
#pragma par distribute map(to : a[0:n]) reduction(+ : sum)
  for (int i = 0; i < n; i++) sum += a[i];
  return sum;
}

static int on_worker(void) { return par_rank() != 0; }

/* Same loop, counting the elements summed on a worker (sampled). */
static double sum_loop_where(int n, const double *a, long *remote) {
  double sum = 0.0;
  long rem = 0;
#pragma par distribute map(to : a[0:n]) reduction(+ : sum, rem)
  for (int i = 0; i < n; i++) {
    sum += a[i];
    if ((i & 4095) == 0) rem += on_worker();
  }
  *remote = rem;
  return sum;
}

int main(int argc, char **argv) {
  long mib = argc > 1 ? atol(argv[1]) : 64;
  const char *e = getenv("DIST_INNER");
  int reps = argc > 2 ? atoi(argv[2]) : e ? atoi(e) : 5;
  if (reps < 1) reps = 1;
  if (reps > 1000) reps = 1000;
  if (mib < 1 || mib > 8191) {
    fprintf(stderr, "mapbw: size must be 1..8191 MiB\n");
    return 1;
  }
  int n = (int)(mib * 131072); /* doubles */
  double *a = malloc((size_t)n * sizeof *a);
  double *t = malloc((size_t)reps * sizeof *t);
  if (!a || !t) {
    fprintf(stderr, "mapbw: out of memory\n");
    return 1;
  }
  for (int i = 0; i < n; i++) a[i] = (double)(i % 7);
  double expect = 0.0; /* exact: small integers */
  for (int i = 0; i < n; i++) expect += a[i];

  long remote = 0;
  int ok = sum_loop_where(n, a, &remote) == expect; /* also the warm-up */
  long samples = (n + 4095) / 4096;
  ok &= sum_loop(n, a) == expect;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    double s = sum_loop(n, a);
    t[r] = now() - t0;
    ok &= s == expect;
  }
  qsort(t, (size_t)reps, sizeof *t, cmp_double);
  double med = reps % 2 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
  double bytes = (double)n * sizeof *a;
  printf("bytes=%.0f\nreps=%d\nloop_s=%.6f\nmin_s=%.6f\nbytes_per_s=%.1f\n", bytes, reps, med, t[0],
         bytes / med);
  printf("remote_frac=%.4f\n", (double)remote / (double)samples);
  printf("checksum=%s\n", ok ? "ok" : "BAD");
  free(a);
  free(t);
  return ok ? 0 : 1;
}
