/* bench_util.h: what the programs of bench/dist share: a monotonic clock,
 * settings from the environment, medians, the calibration of a count, and
 * the `ranks` line that says where tasks ran. Header-only (static
 * functions), so that each program stays one parcc command. */
#ifndef PAR_BENCH_UTIL_H
#define PAR_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_RANK 64

static inline double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A positive number from the environment, else def. */
static inline double env_double(const char *name, double def) {
  const char *s = getenv(name);
  double v = s ? atof(s) : def;
  return v > 0 ? v : def;
}

static inline int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts v. */
static inline double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof v[0], cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Grows n from `start` until run(n, ctx) takes at least `target` seconds or
 * n reaches `max` (at most 8x per step, aiming 20% past the target), and
 * returns it. */
static inline long calibrate(long start, long max, double target, void (*run)(long n, void *ctx),
                             void *ctx) {
  long n = start;
  for (;;) {
    double t0 = now();
    run(n, ctx);
    double dt = now() - t0;
    if (dt >= target || n >= max) return n;
    long next = dt > 0 ? (long)((double)n * 1.2 * target / dt) : n * 8;
    if (next > n * 8) next = n * 8;
    if (next <= n) next = n * 2;
    n = next < max ? next : max;
  }
}

/* `key=0:12,1:40,2:48`: how many tasks each rank ran. */
static inline void print_ranks(const char *key, const long *count) {
  printf("%s=", key);
  int first = 1;
  for (int r = 0; r < MAX_RANK; r++)
    if (count[r]) {
      printf("%s%d:%ld", first ? "" : ",", r, count[r]);
      first = 0;
    }
  printf("\n");
}

#endif /* PAR_BENCH_UTIL_H */
