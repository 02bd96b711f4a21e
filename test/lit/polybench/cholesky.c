// Cholesky factorisation A = L*L^T, column-oriented: for each column j
// (serial), the diagonal is finished, then every row below it is independent
// and the i loop is distributed. SQRT_FUN(x) is sqrt, so this links -lm.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 37
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par | FileCheck %s
// CHECK: checksum L = 853.445619
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N 80
#define DATA_TYPE double
#define SQRT_FUN(x) sqrt(x)
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

/* Symmetric and diagonally dominant: positive definite. */
static void init_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++) {
    for (j = 0; j <= i; j++) {
      A[i][j] = (DATA_TYPE)((i + j) % 9) / 9;
      A[j][i] = A[i][j];
    }
    A[i][i] = (DATA_TYPE)n;
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "L");
  for (i = 0; i < n; i++)
    for (j = 0; j <= i; j++) {
      if ((i + j) % 13 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", A[i][j]);
      }
      checksum += A[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "L");
  printf("checksum L = %.6f\n", checksum);
}

static void kernel_cholesky(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j, k;

#pragma scop
  for (j = 0; j < _PB_N; j++) {
    for (k = 0; k < j; k++)
      A[j][j] -= A[j][k] * A[j][k];
    A[j][j] = SQRT_FUN(A[j][j]);
#pragma par distribute map(tofrom: A[0:n])
    for (i = j + 1; i < _PB_N; i++) {
      for (k = 0; k < j; k++)
        A[i][j] -= A[i][k] * A[j][k];
      A[i][j] /= A[j][j];
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  DATA_TYPE(*A)[N][N] = malloc(sizeof *A);
  if (n > N)
    n = N;
  init_array(n, *A);
  kernel_cholesky(n, *A);
  print_array(n, *A);
  free(A);
  return 0;
}
