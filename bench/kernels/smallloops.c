/* BENCH-KIND: overhead, short loops */
/* smallloops.c: 10000 short parallel loops in a row, x[i] = 0.5 * x[i] + y[i]
 * on 2^16 doubles (1 MiB in all, cache-resident): each loop is only some tens
 * of microseconds of work, so the time to start a parallel loop and wait for
 * its end (fork/join, chunk hand-out) is a visible part of the total. */
#include "bench.h"

typedef struct { int n, loops; double *x, *y, *x0; } sl_arg;

static void step(int n, double *x, const double *y) {
#pragma par distribute map(tofrom : x[0:n]) map(to : y[0:n])
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    x[i] = 0.5 * x[i] + y[i];
}

static void kernel(void *vp) {
  sl_arg *p = vp;
  memcpy(p->x, p->x0, (size_t)p->n * sizeof *p->x);
  for (int r = 0; r < p->loops; r++) step(p->n, p->x, p->y);
}

int main(int argc, char **argv) {
  sl_arg a = {argc > 1 ? atoi(argv[1]) : 1 << 16, argc > 2 ? atoi(argv[2]) : 10000};
  a.x = bench_alloc((size_t)a.n * sizeof(double));
  a.y = bench_alloc((size_t)a.n * sizeof(double));
  a.x0 = bench_alloc((size_t)a.n * sizeof(double));
  for (int i = 0; i < a.n; i++) {
    a.x0[i] = (double)(i % 100);
    a.y[i] = (double)(i % 9) * 0.125;
  }
  bench_time(kernel, &a);
  double cs = 0.0;
  for (int i = 0; i < a.n; i++) cs += a.x[i] * (double)(i % 3 + 1);
  printf("checksum=%.10e\n", cs);
  free(a.x); free(a.y); free(a.x0);
  return 0;
}
