// LU decomposition without pivoting, right-looking form: for each pivot k
// (serial, outer), the rows below it are independent, so the i loop is
// distributed with bounds k + 1 .. n that change at every k. Each element is
// updated by the same sequence of operations as in the serial build. An
// #ifdef inside the body picks how the pivot column is scaled.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 41
// RUN: %run-compare %t.par %t.ser 2
// RUN: %run-compare %t.par %t.ser 1
// RUN: %parcc -O2 -DLU_RECIPROCAL %s -o %t.rcp.par && %serialcc -O2 -DLU_RECIPROCAL %s -o %t.rcp.ser
// RUN: %run-compare %t.rcp.par %t.rcp.ser
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 8189.802367
#include <stdio.h>
#include <stdlib.h>

#define N 90
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

/* A diagonally dominant matrix, so no pivoting is needed. */
static void init_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++) {
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)((i * 7 + j * 3) % 11) / 10 - 0.5;
    A[i][i] = n + 1.0;
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "A");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (i % 10 == 0 && j % 10 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", A[i][j]);
      }
      checksum += A[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
  printf("A[n-1][n-1] = %.6f\n", A[n - 1][n - 1]);
}

static void kernel_lu(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j, k;

#pragma scop
  for (k = 0; k < _PB_N; k++) {
#pragma par distribute map(tofrom: A[0:n])
    for (i = k + 1; i < _PB_N; i++) {
#ifdef LU_RECIPROCAL
      A[i][k] = A[i][k] * (1.0 / A[k][k]);
#else
      A[i][k] /= A[k][k];
#endif
      for (j = k + 1; j < _PB_N; j++)
        A[i][j] -= A[i][k] * A[k][j];
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  static DATA_TYPE A[N][N];
  if (n > N)
    n = N;
  if (n < 1)
    n = 1;
  init_array(n, A);
  kernel_lu(n, A);
  print_array(n, A);
  return 0;
}
