// PolyBench/C 4.2 syrk: C := alpha*A*A^T + beta*C on the lower triangle.
// Row i touches j <= i only: a triangular, unbalanced loop.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 47
// RUN: %t.par | FileCheck %s
// CHECK: checksum C = 69873.403125
#include <stdio.h>
#include <stdlib.h>

#define M 60
#define N 80
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int n, int m, DATA_TYPE *alpha, DATA_TYPE *beta,
                       DATA_TYPE POLYBENCH_2D(C, N, N, n, n), DATA_TYPE POLYBENCH_2D(A, N, M, n, m)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      A[i][j] = (DATA_TYPE)((i * j + 1) % N) / N;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      C[i][j] = (DATA_TYPE)((i * j + 2) % M) / M;
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(C, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "C");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (j == i || j == i / 2) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", C[i][j]);
      }
      checksum += C[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "C");
  printf("checksum C = %.6f\n", checksum);
}

static void kernel_syrk(int n, int m, DATA_TYPE alpha, DATA_TYPE beta,
                        DATA_TYPE POLYBENCH_2D(C, N, N, n, n), DATA_TYPE POLYBENCH_2D(A, N, M, n, m)) {
  int i, j, k;

#pragma scop
#pragma par distribute map(tofrom: C[0:n]) map(to: A[0:n])
  for (i = 0; i < _PB_N; i++) {
    for (j = 0; j <= i; j++)
      C[i][j] *= beta;
    for (k = 0; k < _PB_M; k++) {
      for (j = 0; j <= i; j++)
        C[i][j] += alpha * A[i][k] * A[j][k];
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int m = M;
  static DATA_TYPE C[N][N], A[N][M];
  DATA_TYPE alpha, beta;
  if (n > N)
    n = N;
  init_array(n, m, &alpha, &beta, C, A);
  kernel_syrk(n, m, alpha, beta, C, A);
  print_array(n, C);
  return 0;
}
