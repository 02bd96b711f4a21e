/* BENCH-KIND: compute, reduction */
/* pi.c: pi by the midpoint rule; a compute-bound sum reduction.
 * One double division per iteration, nothing read from memory. */
#include "bench.h"

typedef struct { int n; double pi; } pi_arg;

static void kernel(void *vp) {
  pi_arg *p = vp;
  int n = p->n;
  double h = 1.0 / n, sum = 0.0;
#pragma par distribute reduction(+ : sum)
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < n; i++) {
    double x = (i + 0.5) * h;
    sum += 4.0 / (1.0 + x * x);
  }
  p->pi = sum * h;
}

int main(int argc, char **argv) {
  pi_arg a = {argc > 1 ? atoi(argv[1]) : 200000000, 0.0};
  bench_time(kernel, &a);
  printf("checksum=%.9f\n", a.pi);
  return 0;
}
