/* bench.h: timing and output helpers shared by the benchmark kernels.
 *
 * Every kernel is one C file that is compiled three ways from the same source
 * (see bench/run.sh): serially (clang-19 -O2, pragmas ignored), with OpenMP
 * (clang-19 -O2 -fopenmp) and with parcc. The parallel loop carries both
 * pragmas, `#pragma par distribute ...` first and `#pragma omp parallel for
 * ...` right after it; parcc drops the omp pragma, clang without -fopenmp
 * ignores both.
 *
 * A kernel program:
 *   1. initializes its data (not timed);
 *   2. runs its kernel once untimed (warm-up: page faults, thread start-up,
 *      par's per-loop cost estimate), then BENCH_INNER times (default 3, or
 *      the BENCH_INNER environment variable), each timed with
 *      clock_gettime(CLOCK_MONOTONIC);
 *   3. prints `time_s=<median of the timed runs>` (with `min_s=` and `cpu_s=`
 *      beside it: the fastest run, and the median CPU time of the process),
 *      then `checksum=<...>`, a
 *      value computed serially from the results, printed with a precision
 *      well above the rounding noise of a reordered floating-point sum, so
 *      that the three builds print the same line.
 * Every kernel must be idempotent: running it again gives the same results.
 */
#ifndef PAR_BENCH_H
#define PAR_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds used by the whole process (every thread) so far. */
static inline double bench_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static inline int bench_inner_reps(void) {
  const char *s = getenv("BENCH_INNER");
  int n = s ? atoi(s) : 3;
  return n >= 1 && n <= 1000 ? n : 3;
}

static inline void *bench_alloc(size_t bytes) {
  void *p = NULL;
  if (posix_memalign(&p, 64, bytes ? bytes : 64) != 0) {
    fprintf(stderr, "bench: out of memory (%zu bytes)\n", bytes);
    exit(1);
  }
  return p;
}

static inline double bench_median(double *v, int n) {
  qsort(v, (size_t)n, sizeof v[0], bench_cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Runs kernel(arg) once untimed, then reps times timed; prints
 * time_s=<median wall time>, min_s=<fastest> and cpu_s=<median CPU time of
 * the process, all threads, spinning included>, and returns the median. */
static inline double bench_time(void (*kernel)(void *), void *arg) {
  int reps = bench_inner_reps();
  double t[1000], c[1000];
  kernel(arg);
  for (int r = 0; r < reps; r++) {
    double c0 = bench_cpu(), t0 = bench_now();
    kernel(arg);
    t[r] = bench_now() - t0;
    c[r] = bench_cpu() - c0;
  }
  double med = bench_median(t, reps);
  printf("time_s=%.6f\nmin_s=%.6f\ncpu_s=%.6f\n", med, t[0], bench_median(c, reps));
  return med;
}

#endif /* PAR_BENCH_H */
