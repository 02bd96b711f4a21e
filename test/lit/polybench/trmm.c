// PolyBench/C 4.2 trmm: B := alpha*A^T*B, A unit lower triangular. Row i of
// B reads rows k > i, so the i loop stays serial and the column loop j inside
// it is distributed (a distributed loop run M times, bounds from the outer i).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 2
// RUN: %t.par | FileCheck %s
// CHECK: checksum B = 50247.000000
#include <stdio.h>
#include <stdlib.h>

#define M 60
#define N 73
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE *alpha, DATA_TYPE POLYBENCH_2D(A, M, M, m, m),
                       DATA_TYPE POLYBENCH_2D(B, M, N, m, n)) {
  int i, j;
  *alpha = 1.5;
  for (i = 0; i < m; i++) {
    for (j = 0; j < i; j++)
      A[i][j] = (DATA_TYPE)((i + j) % M) / M;
    A[i][i] = 1.0;
    for (j = 0; j < n; j++)
      B[i][j] = (DATA_TYPE)((N + (i - j)) % N) / N;
  }
}

static void print_array(int m, int n, DATA_TYPE POLYBENCH_2D(B, M, N, m, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "B");
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) {
      if (j % 6 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", B[i][j]);
      }
      checksum += B[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "B");
  printf("checksum B = %.6f\n", checksum);
}

static void kernel_trmm(int m, int n, DATA_TYPE alpha, DATA_TYPE POLYBENCH_2D(A, M, M, m, m),
                        DATA_TYPE POLYBENCH_2D(B, M, N, m, n)) {
  int i, j, k;

  /* BLAS parameters: SIDE = 'L', UPLO = 'L', TRANSA = 'T', DIAG = 'U'. */
#pragma scop
  for (i = 0; i < _PB_M; i++)
#pragma par distribute map(tofrom: B[0:m]) map(to: A[0:m])
    for (j = 0; j < _PB_N; j++) {
      for (k = i + 1; k < _PB_M; k++)
        B[i][j] += A[k][i] * B[k][j];
      B[i][j] = alpha * B[i][j];
    }
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : N;
  int m = s < M ? s : M;
  int n = s < N ? s : N;
  static DATA_TYPE A[M][M], B[M][N];
  DATA_TYPE alpha;
  init_array(m, n, &alpha, A, B);
  kernel_trmm(m, n, alpha, A, B);
  print_array(m, n, B);
  return 0;
}
