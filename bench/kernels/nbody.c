/* BENCH-KIND: compute */
/* nbody.c: gravitational forces between n bodies, all pairs (O(n^2)):
 * compute-bound, one sqrt and one division per pair. Each iteration of the
 * parallel loop computes the force on one body, so writes are disjoint. */
#include <math.h>
#include "bench.h"

typedef struct { int n; double *x, *y, *z, *m, *fx, *fy, *fz; } nb_arg;

static void kernel(void *vp) {
  nb_arg *p = vp;
  int n = p->n;
  const double *x = p->x, *y = p->y, *z = p->z, *m = p->m;
  double *fx = p->fx, *fy = p->fy, *fz = p->fz;
  const double eps2 = 1e-6;
#pragma par distribute map(to : x[0:n], y[0:n], z[0:n], m[0:n]) map(from : fx[0:n], fy[0:n], fz[0:n])
#pragma omp parallel for
  for (int i = 0; i < n; i++) {
    double ax = 0.0, ay = 0.0, az = 0.0;
    double xi = x[i], yi = y[i], zi = z[i];
    for (int j = 0; j < n; j++) {
      double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
      double r2 = dx * dx + dy * dy + dz * dz + eps2;
      double r = sqrt(r2);
      double s = m[j] / (r2 * r);
      ax += s * dx;
      ay += s * dy;
      az += s * dz;
    }
    fx[i] = m[i] * ax;
    fy[i] = m[i] * ay;
    fz[i] = m[i] * az;
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 8192;
  nb_arg a = {n};
  double **arrs[] = {&a.x, &a.y, &a.z, &a.m, &a.fx, &a.fy, &a.fz};
  for (int k = 0; k < 7; k++) *arrs[k] = bench_alloc((size_t)n * sizeof(double));
  unsigned s = 12345;
  for (int i = 0; i < n; i++) {
    s = s * 1103515245u + 12345u; a.x[i] = (s >> 8) / 16777216.0;
    s = s * 1103515245u + 12345u; a.y[i] = (s >> 8) / 16777216.0;
    s = s * 1103515245u + 12345u; a.z[i] = (s >> 8) / 16777216.0;
    a.m[i] = 1.0 + (i % 10) * 0.1;
  }
  bench_time(kernel, &a);
  double cs = 0.0, cabs = 0.0;
  for (int i = 0; i < n; i++) {
    cs += a.fx[i] + 2.0 * a.fy[i] + 3.0 * a.fz[i];
    cabs += fabs(a.fx[i]) + fabs(a.fy[i]) + fabs(a.fz[i]);
  }
  printf("checksum=%.10e %.10e\n", cs, cabs);
  for (int k = 0; k < 7; k++) free(*arrs[k]);
  return 0;
}
