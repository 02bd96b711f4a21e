/* BENCH-KIND: compute, irregular */
/* mandelbrot.c: iteration counts of the Mandelbrot set, one row per
 * iteration of the parallel loop; compute-bound and irregular (rows through
 * the set cost up to maxit iterations per pixel, rows outside almost
 * nothing), hence schedule(dynamic) in both pragmas. */
#include "bench.h"

typedef struct { int w, h, maxit; int *out; long total; } mb_arg;

static int escape(double cr, double ci, int maxit) {
  double zr = 0.0, zi = 0.0;
  int k = 0;
  while (k < maxit && zr * zr + zi * zi <= 4.0) {
    double t = zr * zr - zi * zi + cr;
    zi = 2.0 * zr * zi + ci;
    zr = t;
    k++;
  }
  return k;
}

static void kernel(void *vp) {
  mb_arg *p = vp;
  int w = p->w, h = p->h, maxit = p->maxit;
  int *out = p->out;
  long total = 0;
#pragma par distribute schedule(dynamic) map(from : out[0:w * h]) reduction(+ : total)
#pragma omp parallel for schedule(dynamic) reduction(+ : total)
  for (int y = 0; y < h; y++) {
    double ci = -1.25 + 2.5 * y / h;
    for (int x = 0; x < w; x++) {
      int k = escape(-2.0 + 2.75 * x / w, ci, maxit);
      out[y * w + x] = k;
      total += k;
    }
  }
  p->total = total;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1200;
  mb_arg a = {n, n, 1000, NULL, 0};
  a.out = bench_alloc((size_t)n * n * sizeof *a.out);
  bench_time(kernel, &a);
  unsigned long h = 0;
  for (long i = 0; i < (long)n * n; i++) h = h * 31 + (unsigned)a.out[i];
  printf("checksum=%ld %lx\n", a.total, h);
  free(a.out);
  return 0;
}
