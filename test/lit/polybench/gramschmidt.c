// PolyBench/C 4.2 gramschmidt (classical Gram-Schmidt QR): for each column k
// (serial), the squared norm is a distributed + reduction, the column of Q
// a distributed loop over rows, and the remaining columns j > k a
// distributed loop, each with its own dot product. The norm is a floating
// point reduction: par sums it in chunk order, the serial build in index
// order, so results are printed with 6 significant digits.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 17
// RUN: %t.par | FileCheck %s
// CHECK: checksum R = 1.958828e+04
// CHECK: checksum Q = 1.723271e+02
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define M 70
#define N 60
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define SQRT_FUN(x) sqrt(x)
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

/* A well-conditioned matrix (PolyBench's own A is nearly rank deficient,
   which makes classical Gram-Schmidt amplify rounding differences). */
static void init_array(int m, int n, DATA_TYPE POLYBENCH_2D(A, M, N, m, n), DATA_TYPE POLYBENCH_2D(R, N, N, n, n),
                       DATA_TYPE POLYBENCH_2D(Q, M, N, m, n)) {
  int i, j;
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) {
      A[i][j] = (((DATA_TYPE)((i * j) % m) / m) * 10) + (i == j ? 100 : 0);
      Q[i][j] = 0.0;
    }
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      R[i][j] = 0.0;
}

static void print_array(int m, int n, DATA_TYPE POLYBENCH_2D(R, N, N, n, n), DATA_TYPE POLYBENCH_2D(Q, M, N, m, n)) {
  int i, j;
  double cr = 0.0, cq = 0.0;
  int printed = 0;
  printf("begin dump: %s", "R");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (i % 7 == 0 && j % 7 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%.4e ", R[i][j]);
      }
      cr += fabs(R[i][j]);
    }
  printf("\nend   dump: %s\nbegin dump: %s", "R", "Q");
  for (i = 0; i < m; i++)
    for (j = 0; j < n; j++) {
      if (i % 9 == 0 && j % 9 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%.4e ", Q[i][j]);
      }
      cq += fabs(Q[i][j]);
    }
  printf("\nend   dump: %s\n", "Q");
  printf("checksum R = %.6e\nchecksum Q = %.6e\n", cr, cq);
}

static void kernel_gramschmidt(int m, int n, DATA_TYPE POLYBENCH_2D(A, M, N, m, n), DATA_TYPE POLYBENCH_2D(R, N, N, n, n),
                               DATA_TYPE POLYBENCH_2D(Q, M, N, m, n)) {
  int i, j, k;
  DATA_TYPE nrm;
  DATA_TYPE rkk;

#pragma scop
  for (k = 0; k < _PB_N; k++) {
    nrm = SCALAR_VAL(0.0);
#pragma par distribute map(to: A[0:m]) reduction(+: nrm)
    for (i = 0; i < _PB_M; i++)
      nrm += A[i][k] * A[i][k];
    R[k][k] = SQRT_FUN(nrm);
    rkk = R[k][k];
#pragma par distribute map(to: A[0:m]) map(tofrom: Q[0:m])
    for (i = 0; i < _PB_M; i++)
      Q[i][k] = A[i][k] / rkk;
#pragma par distribute map(tofrom: A[0:m], R[0:n]) map(to: Q[0:m])
    for (j = k + 1; j < _PB_N; j++) {
      R[k][j] = SCALAR_VAL(0.0);
      for (i = 0; i < _PB_M; i++)
        R[k][j] += Q[i][k] * A[i][j];
      for (i = 0; i < _PB_M; i++)
        A[i][j] = A[i][j] - Q[i][k] * R[k][j];
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : M;
  int m = s < M ? s : M;
  int n = s < N ? s : N;
  DATA_TYPE(*A)[M][N] = malloc(sizeof *A);
  DATA_TYPE(*R)[N][N] = malloc(sizeof *R);
  DATA_TYPE(*Q)[M][N] = malloc(sizeof *Q);
  init_array(m, n, *A, *R, *Q);
  kernel_gramschmidt(m, n, *A, *R, *Q);
  print_array(m, n, *R, *Q);
  free(A);
  free(R);
  free(Q);
  return 0;
}
