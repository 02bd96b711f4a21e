/* gpu.c: saxpy, a 2-D Jacobi stencil and a matrix product on a GPU, three
 * ways from one binary (bench/gpu/run.sh, docs/performance.md "GPU"):
 *
 *   gpu KERNEL par N   the `#pragma par distribute ... device(gpu)` loop: its
 *                      OpenMP target variant where the process has a device;
 *                      with OMP_TARGET_OFFLOAD=DISABLED the same binary runs
 *                      the CPU variant on PAR_WORKERS threads (the baseline
 *                      "par CPU")
 *   gpu KERNEL omp N   hand-written `#pragma omp target teams distribute
 *                      parallel for` with the same maps (what an OpenMP user
 *                      writes; copies in and out on every call, as par does
 *                      for one loop)
 *
 * Each prints time_s= (median of BENCH_INNER timed calls after one warm-up,
 * bench.h) and checksum= (the same for every way). The stencil does STEPS
 * sweeps per call as two adjacent device loops per step, so par keeps the
 * grids on the device between the two sweeps of a step (docs/offload.md);
 * the hand-written one maps per sweep too, with a `target data` region
 * around the step, the closest plain OpenMP equivalent.
 */
#include "../kernels/bench.h"

#define STEPS 10

typedef struct {
  int n;
  double a;
  double *x, *y, *b;
} arg_t;

/* ---- saxpy: y = a*x + y over n elements --------------------------------- */

static void saxpy_par(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double a = p->a, *x = p->x, *y = p->y;
#pragma par distribute map(to : x [0:n]) map(tofrom : y [0:n]) device(gpu)
  for (int i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

static void saxpy_omp(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double a = p->a, *x = p->x, *y = p->y;
#pragma omp target teams distribute parallel for map(to : x [0:n]) map(tofrom : y [0:n])
  for (int i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

/* ---- stencil: STEPS Jacobi sweeps on an n x n grid (x -> b -> x) -------- */

static void stencil_par(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double *x = p->x, *b = p->b;
  for (int t = 0; t < STEPS; t++) {
#pragma par distribute map(to : x [0:n * n]) map(tofrom : b [0:n * n]) device(gpu)
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i * n + j] = 0.2 * (x[i * n + j] + x[i * n + j - 1] + x[i * n + j + 1] +
                              x[(i - 1) * n + j] + x[(i + 1) * n + j]);
#pragma par distribute map(to : b [0:n * n]) map(tofrom : x [0:n * n]) device(gpu)
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        x[i * n + j] = 0.2 * (b[i * n + j] + b[i * n + j - 1] + b[i * n + j + 1] +
                              b[(i - 1) * n + j] + b[(i + 1) * n + j]);
  }
}

static void stencil_omp(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double *x = p->x, *b = p->b;
  for (int t = 0; t < STEPS; t++) {
#pragma omp target data map(tofrom : x [0:n * n], b [0:n * n])
    {
#pragma omp target teams distribute parallel for collapse(2)
      for (int i = 1; i < n - 1; i++)
        for (int j = 1; j < n - 1; j++)
          b[i * n + j] = 0.2 * (x[i * n + j] + x[i * n + j - 1] + x[i * n + j + 1] +
                                x[(i - 1) * n + j] + x[(i + 1) * n + j]);
#pragma omp target teams distribute parallel for collapse(2)
      for (int i = 1; i < n - 1; i++)
        for (int j = 1; j < n - 1; j++)
          x[i * n + j] = 0.2 * (b[i * n + j] + b[i * n + j - 1] + b[i * n + j + 1] +
                                b[(i - 1) * n + j] + b[(i + 1) * n + j]);
    }
  }
}

/* ---- matmul: y = x * b for n x n (one row of y per iteration) ----------- */

static void matmul_par(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double *x = p->x, *b = p->b, *y = p->y;
#pragma par distribute map(to : x [0:n * n], b [0:n * n]) map(from : y [0:n * n]) device(gpu)
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += x[(long)i * n + k] * b[(long)k * n + j];
      y[(long)i * n + j] = s;
    }
}

static void matmul_omp(void *vp) {
  arg_t *p = vp;
  int n = p->n;
  double *x = p->x, *b = p->b, *y = p->y;
#pragma omp target teams distribute parallel for collapse(2) map(to                                \
                                                                 : x [0:n * n], b [0:n * n])       \
    map(from                                                                                       \
        : y [0:n * n])
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += x[(long)i * n + k] * b[(long)k * n + j];
      y[(long)i * n + j] = s;
    }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: gpu saxpy|stencil|matmul par|omp [N]\n");
    return 1;
  }
  const char *k = argv[1];
  int omp = !strcmp(argv[2], "omp");
  int is_saxpy = !strcmp(k, "saxpy"), is_stencil = !strcmp(k, "stencil"),
      is_matmul = !strcmp(k, "matmul");
  if (!is_saxpy && !is_stencil && !is_matmul) {
    fprintf(stderr, "gpu: unknown kernel '%s'\n", k);
    return 1;
  }
  int n = argc > 3 ? atoi(argv[3]) : is_saxpy ? 1 << 26 : is_stencil ? 4096 : 2048;
  long len = is_saxpy ? (long)n : (long)n * n;
  arg_t p = {.n = n, .a = 0.5};
  p.x = bench_alloc((size_t)len * sizeof(double));
  p.y = bench_alloc((size_t)len * sizeof(double));
  p.b = bench_alloc((size_t)len * sizeof(double));
  for (long i = 0; i < len; i++) {
    p.x[i] = (double)(i % 17) * 0.125;
    p.y[i] = (double)(i % 5);
    p.b[i] = (double)(i % 13) * 0.0625;
  }
  void (*fn)(void *) = is_saxpy     ? (omp ? saxpy_omp : saxpy_par)
                       : is_stencil ? (omp ? stencil_omp : stencil_par)
                                    : (omp ? matmul_omp : matmul_par);
  bench_time(fn, &p);
  /* saxpy and the stencil change their inputs on every call: the checksum
   * is over the last state, the same for every way (the same number of
   * calls, each elementwise the same arithmetic). */
  double cs = 0;
  const double *out = is_stencil ? p.x : p.y;
  for (long i = 0; i < len; i += 7)
    cs += out[i];
  printf("checksum=%.6e\n", cs);
  free(p.x);
  free(p.y);
  free(p.b);
  return 0;
}
