// PolyBench/C 4.2 bicg (BiCG sub-kernel): s := A^T r and q := A p in one
// sweep over rows, as in PolyBench. q[i] is written per row; s is accumulated
// by every row, so it is an array-section reduction. Dyadic data keep every
// sum exact.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 3
// RUN: %t.par | FileCheck %s
// CHECK: checksum s = 1392.735596
// CHECK: checksum q = 1304.050049
#include <stdio.h>
#include <stdlib.h>

#define M 78
#define N 83
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE POLYBENCH_2D(A, N, M, n, m),
                       DATA_TYPE POLYBENCH_1D(r, N, n), DATA_TYPE POLYBENCH_1D(p, M, m)) {
  int i, j;
  for (i = 0; i < m; i++)
    p[i] = (DATA_TYPE)(i % 64) / 64;
  for (i = 0; i < n; i++) {
    r[i] = (DATA_TYPE)(i % 32) / 32;
    for (j = 0; j < m; j++)
      A[i][j] = (DATA_TYPE)(i * (j + 1) % 128) / 128;
  }
}

static void print_array(const char *name, int n, DATA_TYPE POLYBENCH_1D(v, N, n)) {
  int i;
  double checksum = 0.0;
  printf("begin dump: %s", name);
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf("%0.2lf ", v[i]);
    checksum += v[i];
  }
  printf("\nend   dump: %s\n", name);
  printf("checksum %s = %.6f\n", name, checksum);
}

static void kernel_bicg(int m, int n, DATA_TYPE POLYBENCH_2D(A, N, M, n, m),
                        DATA_TYPE POLYBENCH_1D(s, M, m), DATA_TYPE POLYBENCH_1D(q, N, n),
                        DATA_TYPE POLYBENCH_1D(p, M, m), DATA_TYPE POLYBENCH_1D(r, N, n)) {
  int i, j;

#pragma scop
  for (i = 0; i < _PB_M; i++)
    s[i] = 0;
#pragma par distribute map(to: A[0:n], r[0:n], p[0:m]) map(from: q[0:n]) reduction(+: s[0:m])
  for (i = 0; i < _PB_N; i++) {
    q[i] = 0.0;
    for (j = 0; j < _PB_M; j++) {
      s[j] = s[j] + r[i] * A[i][j];
      q[i] = q[i] + A[i][j] * p[j];
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int k = argc > 1 ? atoi(argv[1]) : N;
  int n = k < N ? k : N;
  int m = M;
  DATA_TYPE(*A)[N][M] = malloc(sizeof *A);
  DATA_TYPE *s = malloc(M * sizeof(DATA_TYPE));
  DATA_TYPE *q = malloc(N * sizeof(DATA_TYPE));
  DATA_TYPE *p = malloc(M * sizeof(DATA_TYPE));
  DATA_TYPE *r = malloc(N * sizeof(DATA_TYPE));

  init_array(m, n, *A, r, p);
  kernel_bicg(m, n, *A, s, q, p, r);
  print_array("s", m, s);
  print_array("q", n, q);

  free(A);
  free(s);
  free(q);
  free(p);
  free(r);
  return 0;
}
