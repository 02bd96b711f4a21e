/* BENCH-KIND: memory */
/* jacobi.c: 2-D Jacobi relaxation (5-point stencil) on a 2048 x 2048 grid of
 * doubles (two 32 MiB grids, far beyond the caches): memory-bound. One timed
 * run is 20 sweeps, each two parallel loops (a -> b, then b -> a), from the
 * same initial grid, so every run computes the same values. */
#include "bench.h"

#define N 2048

typedef struct { double (*a)[N], (*b)[N], (*a0)[N]; } jc_arg;

static void sweep(double (*dst)[N], double (*src)[N]) {
#pragma par distribute map(to : src[0:N]) map(tofrom : dst[0:N])
#pragma omp parallel for
  for (int i = 1; i < N - 1; i++)
    for (int j = 1; j < N - 1; j++)
      dst[i][j] = 0.25 * (src[i - 1][j] + src[i + 1][j] + src[i][j - 1] + src[i][j + 1]);
}

static void kernel(void *vp) {
  jc_arg *p = vp;
  memcpy(p->a, p->a0, sizeof(double[N][N]));
  memcpy(p->b, p->a0, sizeof(double[N][N]));
  for (int s = 0; s < 20; s++) {
    sweep(p->b, p->a);
    sweep(p->a, p->b);
  }
}

int main(void) {
  jc_arg g;
  g.a = bench_alloc(sizeof(double[N][N]));
  g.b = bench_alloc(sizeof(double[N][N]));
  g.a0 = bench_alloc(sizeof(double[N][N]));
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      g.a0[i][j] = i == 0 ? 1.0 : (double)((i * 7 + j * 13) % 100) * 0.01;
  bench_time(kernel, &g);
  double cs = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) cs += g.a[i][j] * (double)((i + j) % 5 + 1);
  printf("checksum=%.10e a[1][N/2]=%.10e\n", cs, g.a[1][N / 2]);
  free(g.a); free(g.b); free(g.a0);
  return 0;
}
