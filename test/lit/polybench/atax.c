// PolyBench/C 4.2 atax: y := A^T * (A * x), kept in PolyBench's loop order:
// each row i computes tmp[i] and adds its contribution to every y[j], so y is
// an array-section reduction. The data are multiples of 1/64 (dyadic), so
// every partial sum is exact and the result is bit-for-bit the serial one.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 61
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par | FileCheck %s
// CHECK: checksum y = 239017.353058
#include <stdio.h>
#include <stdlib.h>

#define M 76
#define N 92
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define SCALAR_VAL(x) x
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE POLYBENCH_2D(A, M, N, m, n),
                       DATA_TYPE POLYBENCH_1D(x, N, n)) {
  int i, j;
  DATA_TYPE fn;
  fn = (DATA_TYPE)64;
  for (i = 0; i < n; i++)
    x[i] = 1 + (i / fn);
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)((i + j) % n) / fn;
}

static void print_array(int n, DATA_TYPE POLYBENCH_1D(y, N, n)) {
  int i;
  double checksum = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "y");
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf(DATA_PRINTF_MODIFIER, y[i]);
    checksum += y[i];
  }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "y");
  printf("checksum y = %.6f\n", checksum);
}

static void kernel_atax(int m, int n, DATA_TYPE POLYBENCH_2D(A, M, N, m, n),
                        DATA_TYPE POLYBENCH_1D(x, N, n), DATA_TYPE POLYBENCH_1D(y, N, n),
                        DATA_TYPE POLYBENCH_1D(tmp, M, m)) {
  int i, j;

#pragma scop
  for (i = 0; i < _PB_N; i++)
    y[i] = 0;
#pragma par distribute map(to: A[0:m], x[0:n]) map(from: tmp[0:m]) reduction(+: y[0:n])
  for (i = 0; i < _PB_M; i++) {
    tmp[i] = SCALAR_VAL(0.0);
    for (j = 0; j < _PB_N; j++)
      tmp[i] = tmp[i] + A[i][j] * x[j];
    for (j = 0; j < _PB_N; j++)
      y[j] = y[j] + A[i][j] * tmp[i];
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : M;
  int m = s < M ? s : M;
  int n = s < N ? s : N;
  static DATA_TYPE A[M][N], x[N], y[N], tmp[M];

  init_array(m, n, A, x);
  kernel_atax(m, n, A, x, y, tmp);
  print_array(n, y);
  return 0;
}
