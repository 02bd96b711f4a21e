/* BENCH-KIND: memory */
/* triad.c: STREAM triad a[i] = b[i] + s * c[i] on 2^25 doubles per array
 * (768 MiB in all): memory-bound, 24 bytes of traffic (plus the write
 * allocate of a) per 2 flops. One timed run is 10 triads. */
#include "bench.h"

typedef struct { long n; double *a, *b, *c; } tr_arg;

static void triad(long n, double *a, const double *b, const double *c, double s) {
#pragma par distribute map(from : a[0:n]) map(to : b[0:n], c[0:n])
#pragma omp parallel for
  for (long i = 0; i < n; i++)
    a[i] = b[i] + s * c[i];
}

static void kernel(void *vp) {
  tr_arg *p = vp;
  for (int r = 0; r < 10; r++) triad(p->n, p->a, p->b, p->c, 3.0);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1L << 25;
  tr_arg t = {n};
  t.a = bench_alloc((size_t)n * sizeof(double));
  t.b = bench_alloc((size_t)n * sizeof(double));
  t.c = bench_alloc((size_t)n * sizeof(double));
  for (long i = 0; i < n; i++) {
    t.a[i] = 0.0;
    t.b[i] = (double)(i % 1000);
    t.c[i] = (double)(i % 7) * 0.5;
  }
  bench_time(kernel, &t);
  double cs = 0.0;
  for (long i = 0; i < n; i++) cs += t.a[i];
  printf("checksum=%.6f\n", cs);
  free(t.a); free(t.b); free(t.c);
  return 0;
}
