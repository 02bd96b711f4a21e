// PolyBench/C 4.2 syr2k: C := alpha*A*B^T + alpha*B*A^T + beta*C (lower
// triangle), rows distributed with the default schedule and with
// schedule(static, 4) chosen by a -D flag.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %parcc -O2 -DSTATIC_SCHEDULE %s -o %t.static.par
// RUN: %run-compare %t.static.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: checksum C = 86858.490714
#include <stdio.h>
#include <stdlib.h>

#define M 50
#define N 70
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int n, int m, DATA_TYPE *alpha, DATA_TYPE *beta, DATA_TYPE POLYBENCH_2D(C, N, N, n, n),
                       DATA_TYPE POLYBENCH_2D(A, N, M, n, m), DATA_TYPE POLYBENCH_2D(B, N, M, n, m)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++) {
      A[i][j] = (DATA_TYPE)((i * j + 1) % n) / n;
      B[i][j] = (DATA_TYPE)((i * j + 2) % m) / m;
    }
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      C[i][j] = (DATA_TYPE)((i * j + 3) % n) / m;
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(C, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "C");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if ((i + j) % 9 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", C[i][j]);
      }
      checksum += C[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "C");
  printf("checksum C = %.6f\n", checksum);
}

static void kernel_syr2k(int n, int m, DATA_TYPE alpha, DATA_TYPE beta, DATA_TYPE POLYBENCH_2D(C, N, N, n, n),
                         DATA_TYPE POLYBENCH_2D(A, N, M, n, m), DATA_TYPE POLYBENCH_2D(B, N, M, n, m)) {
  int i, j, k;

#pragma scop
#ifdef STATIC_SCHEDULE
#pragma par distribute schedule(static, 4) map(tofrom: C[0:n]) map(to: A[0:n], B[0:n])
#else
#pragma par distribute map(tofrom: C[0:n]) map(to: A[0:n], B[0:n])
#endif
  for (i = 0; i < _PB_N; i++) {
    for (j = 0; j <= i; j++)
      C[i][j] *= beta;
    for (k = 0; k < _PB_M; k++)
      for (j = 0; j <= i; j++) {
        C[i][j] += A[j][k] * alpha * B[i][k] + B[j][k] * alpha * A[i][k];
      }
  }
#pragma endscop
}

int main(void) {
  int n = N, m = M;
  DATA_TYPE alpha, beta;
  DATA_TYPE(*C)[N][N] = malloc(sizeof *C);
  DATA_TYPE(*A)[N][M] = malloc(sizeof *A);
  DATA_TYPE(*B)[N][M] = malloc(sizeof *B);
  init_array(n, m, &alpha, &beta, *C, *A, *B);
  kernel_syr2k(n, m, alpha, beta, *C, *A, *B);
  print_array(n, *C);
  free(C);
  free(A);
  free(B);
  return 0;
}
