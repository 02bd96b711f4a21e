// PolyBench/C 4.2 symm: C := alpha*A*B + beta*C, A symmetric (lower half
// stored). Iteration (i, j) writes C[k][j] for k < i and C[i][j]: columns are
// independent, so the port interchanges the loops and distributes over j.
// The scalar accumulator temp2, declared at the top, is private; i and k are
// inner counters declared outside the loop and need no clause.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: checksum C = 320502.025000
#include <stdio.h>
#include <stdlib.h>

#define M 60
#define N 71
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE *alpha, DATA_TYPE *beta, DATA_TYPE POLYBENCH_2D(C, M, N, m, n),
                       DATA_TYPE POLYBENCH_2D(A, M, M, m, m), DATA_TYPE POLYBENCH_2D(B, M, N, m, n)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) {
      C[i][j] = (DATA_TYPE)((i + j) % 100) / m;
      B[i][j] = (DATA_TYPE)((n + i - j) % 100) / m;
    }
  for (i = 0; i < m; i++) {
    for (j = 0; j <= i; j++)
      A[i][j] = (DATA_TYPE)((i + j) % 100) / m;
    for (j = i + 1; j < m; j++)
      A[i][j] = -999; /* never read: the upper half is not used */
  }
}

static void print_array(int m, int n, DATA_TYPE POLYBENCH_2D(C, M, N, m, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "C");
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) {
      if (i % 4 == 0 && j % 4 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", C[i][j]);
      }
      checksum += C[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "C");
  printf("checksum C = %.6f\n", checksum);
}

static void kernel_symm(int m, int n, DATA_TYPE alpha, DATA_TYPE beta, DATA_TYPE POLYBENCH_2D(C, M, N, m, n),
                        DATA_TYPE POLYBENCH_2D(A, M, M, m, m), DATA_TYPE POLYBENCH_2D(B, M, N, m, n)) {
  int i, j, k;
  DATA_TYPE temp2;

  /* BLAS parameters: SIDE = 'L', UPLO = 'L'. */
#pragma scop
#pragma par distribute private(temp2) map(tofrom: C[0:m]) map(to: A[0:m], B[0:m])
  for (j = 0; j < _PB_N; j++)
    for (i = 0; i < _PB_M; i++) {
      temp2 = 0;
      for (k = 0; k < i; k++) {
        C[k][j] += alpha * B[i][j] * A[i][k];
        temp2 += B[k][j] * A[i][k];
      }
      C[i][j] = beta * C[i][j] + alpha * B[i][j] * A[i][i] + alpha * temp2;
    }
#pragma endscop
}

int main(void) {
  int m = M, n = N;
  static DATA_TYPE C[M][N], A[M][M], B[M][N];
  DATA_TYPE alpha, beta;
  init_array(m, n, &alpha, &beta, C, A, B);
  kernel_symm(m, n, alpha, beta, C, A, B);
  print_array(m, n, C);
  return 0;
}
