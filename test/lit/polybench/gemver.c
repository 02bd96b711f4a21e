// PolyBench/C 4.2 gemver: four distributed loops (rank-2 update of A, then
// x := x + beta*A^T*y, x := x + z, w := w + alpha*A*x), each reading what the
// previous one wrote. Scalars alpha and beta are firstprivate without a clause.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 89
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par | FileCheck %s
// CHECK: checksum w = 13924148.673664
#include <stdio.h>
#include <stdlib.h>

#define N 110
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

static void init_array(int n, DATA_TYPE *alpha, DATA_TYPE *beta, DATA_TYPE POLYBENCH_2D(A, N, N, n, n),
                       DATA_TYPE POLYBENCH_1D(u1, N, n), DATA_TYPE POLYBENCH_1D(v1, N, n),
                       DATA_TYPE POLYBENCH_1D(u2, N, n), DATA_TYPE POLYBENCH_1D(v2, N, n),
                       DATA_TYPE POLYBENCH_1D(w, N, n), DATA_TYPE POLYBENCH_1D(x, N, n),
                       DATA_TYPE POLYBENCH_1D(y, N, n), DATA_TYPE POLYBENCH_1D(z, N, n)) {
  int i, j;
  DATA_TYPE fn = (DATA_TYPE)N;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < n; i++) {
    u1[i] = i;
    u2[i] = ((i + 1) / fn) / 2.0;
    v1[i] = ((i + 1) / fn) / 4.0;
    v2[i] = ((i + 1) / fn) / 6.0;
    y[i] = ((i + 1) / fn) / 8.0;
    z[i] = ((i + 1) / fn) / 9.0;
    x[i] = 0.0;
    w[i] = 0.0;
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)(i * j % N) / N;
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_1D(w, N, n)) {
  int i;
  double checksum = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "w");
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf(DATA_PRINTF_MODIFIER, w[i]);
    checksum += w[i];
  }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "w");
  printf("checksum w = %.6f\n", checksum);
}

static void kernel_gemver(int n, DATA_TYPE alpha, DATA_TYPE beta, DATA_TYPE POLYBENCH_2D(A, N, N, n, n),
                          DATA_TYPE POLYBENCH_1D(u1, N, n), DATA_TYPE POLYBENCH_1D(v1, N, n),
                          DATA_TYPE POLYBENCH_1D(u2, N, n), DATA_TYPE POLYBENCH_1D(v2, N, n),
                          DATA_TYPE POLYBENCH_1D(w, N, n), DATA_TYPE POLYBENCH_1D(x, N, n),
                          DATA_TYPE POLYBENCH_1D(y, N, n), DATA_TYPE POLYBENCH_1D(z, N, n)) {
  int i, j;

#pragma scop
#pragma par distribute map(tofrom: A[0:n]) map(to: u1[0:n], v1[0:n], u2[0:n], v2[0:n])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_N; j++)
      A[i][j] = A[i][j] + u1[i] * v1[j] + u2[i] * v2[j];

#pragma par distribute map(tofrom: x[0:n]) map(to: A[0:n], y[0:n])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_N; j++)
      x[i] = x[i] + beta * A[j][i] * y[j];

#pragma par distribute map(tofrom: x[0:n]) map(to: z[0:n])
  for (i = 0; i < _PB_N; i++)
    x[i] = x[i] + z[i];

#pragma par distribute map(tofrom: w[0:n]) map(to: A[0:n], x[0:n])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_N; j++)
      w[i] = w[i] + alpha * A[i][j] * x[j];
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  DATA_TYPE alpha, beta;
  DATA_TYPE(*A)[N][N] = malloc(sizeof *A);
  DATA_TYPE *u1 = malloc(N * sizeof(DATA_TYPE)), *v1 = malloc(N * sizeof(DATA_TYPE));
  DATA_TYPE *u2 = malloc(N * sizeof(DATA_TYPE)), *v2 = malloc(N * sizeof(DATA_TYPE));
  DATA_TYPE *w = malloc(N * sizeof(DATA_TYPE)), *x = malloc(N * sizeof(DATA_TYPE));
  DATA_TYPE *y = malloc(N * sizeof(DATA_TYPE)), *z = malloc(N * sizeof(DATA_TYPE));
  if (n > N)
    n = N;

  init_array(n, &alpha, &beta, *A, u1, v1, u2, v2, w, x, y, z);
  kernel_gemver(n, alpha, beta, *A, u1, v1, u2, v2, w, x, y, z);
  print_array(n, w);

  free(A);
  free(u1);
  free(v1);
  free(u2);
  free(v2);
  free(w);
  free(x);
  free(y);
  free(z);
  return 0;
}
