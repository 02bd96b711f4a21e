/* BENCH-KIND: compute, cache */
/* matmul.c: C = A * B for n x n doubles, i-k-j order (the inner loop is a
 * vectorizable axpy over a row of B and a row of C); compute- and
 * cache-bound. One iteration of the parallel loop computes one row of C. */
#include "bench.h"

typedef struct { int n; double *a, *b, *c; } mm_arg;

static void kernel(void *vp) {
  mm_arg *p = vp;
  int n = p->n;
  const double *a = p->a, *b = p->b;
  double *c = p->c;
#pragma par distribute map(to : a[0:n * n], b[0:n * n]) map(from : c[0:n * n])
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double *ci = c + (long)i * n;
    for (int j = 0; j < n; j++) ci[j] = 0.0;
    for (int k = 0; k < n; k++) {
      double aik = a[(long)i * n + k];
      const double *bk = b + (long)k * n;
      for (int j = 0; j < n; j++) ci[j] += aik * bk[j];
    }
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1024;
  mm_arg m = {n};
  m.a = bench_alloc((size_t)n * n * sizeof(double));
  m.b = bench_alloc((size_t)n * n * sizeof(double));
  m.c = bench_alloc((size_t)n * n * sizeof(double));
  for (long i = 0; i < (long)n * n; i++) {
    m.a[i] = (double)(i % 17) * 0.125 - 1.0;
    m.b[i] = (double)(i % 13) * 0.25 - 1.5;
  }
  bench_time(kernel, &m);
  double cs = 0.0;
  for (long i = 0; i < (long)n * n; i++) cs += m.c[i] * (double)(i % 7 + 1);
  printf("checksum=%.10e c[0]=%.6f c[n*n-1]=%.6f\n", cs, m.c[0], m.c[(long)n * n - 1]);
  free(m.a); free(m.b); free(m.c);
  return 0;
}
