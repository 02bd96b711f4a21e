// PolyBench/C 4.2 mvt: x1 := x1 + A*y_1 and x2 := x2 + A^T*y_2. The second
// loop counts down (i from N-1 to 0), as a port of a reversed loop would.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 97
// RUN: %run-compare %t.par %t.ser 2
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par | FileCheck %s
// CHECK: checksum x1 = 3426.250000
// CHECK: checksum x2 = 3424.500000
#include <stdio.h>
#include <stdlib.h>

#define N 120
#define DATA_TYPE double
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_1D(x1, N, n), DATA_TYPE POLYBENCH_1D(x2, N, n),
                       DATA_TYPE POLYBENCH_1D(y_1, N, n), DATA_TYPE POLYBENCH_1D(y_2, N, n),
                       DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++) {
    x1[i] = (DATA_TYPE)(i % N) / N;
    x2[i] = (DATA_TYPE)((i + 1) % N) / N;
    y_1[i] = (DATA_TYPE)((i + 3) % N) / N;
    y_2[i] = (DATA_TYPE)((i + 4) % N) / N;
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)(i * j % N) / N;
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_1D(x1, N, n), DATA_TYPE POLYBENCH_1D(x2, N, n)) {
  int i;
  double c1 = 0.0, c2 = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "x1");
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf("%0.2lf ", x1[i]);
    c1 += x1[i];
  }
  printf("\nend   dump: %s\nbegin dump: %s", "x1", "x2");
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf("%0.2lf ", x2[i]);
    c2 += x2[i];
  }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "x2");
  printf("checksum x1 = %.6f\nchecksum x2 = %.6f\n", c1, c2);
}

static void kernel_mvt(int n, DATA_TYPE POLYBENCH_1D(x1, N, n), DATA_TYPE POLYBENCH_1D(x2, N, n),
                       DATA_TYPE POLYBENCH_1D(y_1, N, n), DATA_TYPE POLYBENCH_1D(y_2, N, n),
                       DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;

#pragma scop
#pragma par distribute map(tofrom: x1[0:n]) map(to: A[0:n], y_1[0:n])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_N; j++)
      x1[i] = x1[i] + A[i][j] * y_1[j];
#pragma par distribute map(tofrom: x2[0:n]) map(to: A[0:n], y_2[0:n])
  for (i = _PB_N - 1; i >= 0; i--)
    for (j = 0; j < _PB_N; j++)
      x2[i] = x2[i] + A[j][i] * y_2[j];
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  static DATA_TYPE A[N][N], x1[N], x2[N], y_1[N], y_2[N];
  if (n > N)
    n = N;
  init_array(n, x1, x2, y_1, y_2, A);
  kernel_mvt(n, x1, x2, y_1, y_2, A);
  print_array(n, x1, x2);
  return 0;
}
