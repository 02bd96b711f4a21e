// A distributed loop whose header is chosen by the preprocessor: `#ifdef`
// between the pragma and the `for`, two headers (counting up, or down with
// -DREVERSE), one body; a second loop whose pragma itself is chosen by
// `#if` (with or without a schedule clause). The output is the same for
// both directions, and must match the serial build for each.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 13
// RUN: %parcc -O2 -DREVERSE -DCHUNK=3 %s -o %t.rev.par && %serialcc -O2 -DREVERSE -DCHUNK=3 %s -o %t.rev.ser
// RUN: %run-compare %t.rev.par %t.rev.ser
// RUN: %run-compare %t.rev.par %t.rev.ser 13
// RUN: %t.par > %t.fwd.out && %t.rev.par > %t.rev.out && diff %t.fwd.out %t.rev.out
// RUN: %t.par | FileCheck %s
// CHECK: checksum y = 4472.529412
// CHECK: checksum z = 310856.882353
#include <stdio.h>
#include <stdlib.h>

#define N 140
#define DATA_TYPE double
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

static void kernel_mv(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n), DATA_TYPE POLYBENCH_1D(x, N, n),
                      DATA_TYPE POLYBENCH_1D(y, N, n), DATA_TYPE POLYBENCH_1D(z, N, n)) {
  int i, j;

#pragma scop
#pragma par distribute map(to: A[0:n], x[0:n]) map(from: y[0:n])
#ifdef REVERSE
  for (i = _PB_N - 1; i >= 0; i--)
#else
  for (i = 0; i < _PB_N; i++)
#endif
  {
    y[i] = 0.0;
    for (j = 0; j < _PB_N; j++)
      y[i] += A[i][j] * x[j];
  }

#if defined(CHUNK) && CHUNK > 1
#pragma par distribute schedule(static, CHUNK) map(to: A[0:n], y[0:n]) map(from: z[0:n])
#else
#pragma par distribute map(to: A[0:n], y[0:n]) map(from: z[0:n])
#endif
  for (i = 0; i < _PB_N; i++) {
    z[i] = 0.0;
    for (j = 0; j < _PB_N; j++)
      z[i] += A[j][i] * y[j];
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int i, j;
  double cy = 0.0, cz = 0.0;
  static DATA_TYPE A[N][N], x[N], y[N], z[N];
  if (n > N)
    n = N;
  for (i = 0; i < n; i++) {
    x[i] = (DATA_TYPE)(i % 17) / 17;
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)((i + 2 * j) % n) / n;
  }
  kernel_mv(n, A, x, y, z);
  for (i = 0; i < n; i++) {
    if (i % 10 == 0)
      printf("%0.2lf %0.2lf\n", y[i], z[i]);
    cy += y[i];
    cz += z[i];
  }
  printf("checksum y = %.6f\nchecksum z = %.6f\n", cy, cz);
  return 0;
}
